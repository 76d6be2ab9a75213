#include "problems.hpp"

#include <cmath>

namespace codesign::search::bench {
namespace {

const double kPi = 3.14159265358979323846;

Space box(std::size_t dim, double lo, double hi) {
  Space s;
  for (std::size_t i = 0; i < dim; ++i) s.add(Parameter::real("x" + std::to_string(i + 1), lo, hi));
  return s;
}

double branin(double x1, double x2) {
  const double b = 5.1 / (4 * kPi * kPi), c = 5 / kPi, t = 1 / (8 * kPi);
  return std::pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * std::cos(x1) + 10;
}

double hartmann6(const Point& x) {
  const double alpha[4] = {1.0, 1.2, 3.0, 3.2};
  const double A[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                          {0.05, 10, 17, 0.1, 8, 14},
                          {3, 3.5, 1.7, 10, 17, 8},
                          {17, 8, 0.05, 10, 0.1, 14}};
  const double P[4][6] = {{1312, 1696, 5569, 124, 8283, 5886},
                          {2329, 4135, 8307, 3736, 1004, 9991},
                          {2348, 1451, 3522, 2883, 3047, 6650},
                          {4047, 8828, 8732, 5743, 1091, 381}};
  double f = 0;
  for (int i = 0; i < 4; ++i) {
    double inner = 0;
    for (int j = 0; j < 6; ++j) inner += A[i][j] * std::pow(x[std::size_t(j)] - 1e-4 * P[i][j], 2);
    f -= alpha[i] * std::exp(-inner);
  }
  return f;
}

}  // namespace

Problem constrained_branin() {
  Space s;
  s.add(Parameter::real("x1", -5, 10)).add(Parameter::real("x2", 0, 15));
  auto evaluate = [](const Point& x) {
    double margin = std::pow(x[0] - 2.5, 2) + std::pow(x[1] - 7.5, 2) - 50;
    return Observation::with_constraints(branin(x[0], x[1]), {margin});
  };
  return {"Branin, unknown disc constraint", s, evaluate, 0.397887 * 1.01, 40};
}

Problem gardner() {
  auto evaluate = [](const Point& x) {
    double f = std::cos(2 * x[0]) * std::cos(x[1]) + std::sin(x[0]);
    return Observation::with_constraints(f, {std::cos(x[0] + x[1]) - 0.5});
  };
  return {"Gardner, unknown constraint", box(2, 0, 6), evaluate, -2.0 * 0.995, 40};
}

Problem constrained_hartmann6() {
  Space s = box(6, 0, 1);
  s.constrain([](const Point& x) {
    double sum = 0;
    for (double v : x) sum += v;
    return sum <= 1.5;
  });
  auto evaluate = [](const Point& x) { return Observation::success(hartmann6(x)); };
  return {"Hartmann-6, known constraint sum <= 1.5", s, evaluate, -2.5, 60};
}

Problem pressure_vessel() {
  std::vector<double> thickness;
  for (int k = 1; k <= 99; ++k) thickness.push_back(0.0625 * k);
  Space s;
  s.add(Parameter::ordinal("shell", thickness))
      .add(Parameter::ordinal("head", thickness))
      .add(Parameter::real("radius", 10, 200))
      .add(Parameter::real("length", 10, 200));
  s.constrain([](const Point& x) { return 0.0193 * x[2] <= x[0] && 0.00954 * x[2] <= x[1]; });
  auto evaluate = [](const Point& x) {
    const double ts = x[0], th = x[1], r = x[2], l = x[3];
    double cost =
        0.6224 * ts * r * l + 1.7781 * th * r * r + 3.1661 * ts * ts * l + 19.84 * ts * ts * r;
    // Volume at least 1 296 000 in³, as a margin in units of 10⁶ in³.
    double margin = (1296000 - kPi * r * r * l - 4.0 / 3.0 * kPi * r * r * r) / 1e6;
    return Observation::with_constraints(std::log(cost), {margin});
  };
  Problem p{"Pressure vessel, mixed, unknown volume constraint", s, evaluate, 6059.71 * 1.01, 100};
  p.shown = [](double v) { return std::exp(v); };
  return p;
}

Problem product_structure() {
  Space s;
  s.add(Parameter::power_of_two("rows", 1, 256))
      .add(Parameter::power_of_two("cols", 1, 256))
      .add(Parameter::log_integer("bytes", 1, 1 << 20))
      .add(Parameter::integer("depth", 0, 20))
      .add(Parameter::categorical("kind", {"a", "b", "c"}));
  s.constrain([](const Point& x) { return x[0] * x[1] <= 4096; });
  auto evaluate = [](const Point& x) {
    std::vector<double> f = product_structure_features(x);
    const double total = f[0], per = f[1], depth = f[2];
    return Observation::success(std::pow(total - 10, 2) / 10 + std::pow(per - 4, 2) / 10 +
                                std::pow((depth - 7) / 5, 2) + (x[4] == 1 ? 0.0 : 0.3));
  };
  return {"Product structure, mixed, known constraint", s, evaluate, 0.05, 40};
}

std::vector<double> product_structure_features(const Point& x) {
  const double total = std::log2(x[0] * x[1]);
  return {total,
          std::log2(x[2]) - total,
          x[3],
          x[4] == 0 ? 1.0 : 0.0,
          x[4] == 1 ? 1.0 : 0.0,
          x[4] == 2 ? 1.0 : 0.0};
}

Problem labels_only(Problem p) {
  auto full = p.evaluate;
  p.evaluate = [full](const Point& x) {
    Observation o = full(x);
    o.constraints.clear();
    return o;
  };
  p.name += " (labels only)";
  return p;
}

}  // namespace codesign::search::bench
