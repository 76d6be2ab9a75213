// The standard normal distribution in log space, accurate far into the tails where the
// acquisition functions of a well-explored model live.
#pragma once

namespace codesign::search {

double normal_pdf(double z);
double normal_cdf(double z);
// log Φ(z), finite for every finite z.
double log_normal_cdf(double z);
// log(z Φ(z) + φ(z)): the expected improvement of a unit Gaussian at standardised gain z.
double log_expected_improvement_unit(double z);

}  // namespace codesign::search
