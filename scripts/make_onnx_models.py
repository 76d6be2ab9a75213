#!/usr/bin/python3
"""Makes the weight-stripped ONNX test models in tests/data/onnx/ (run once by hand; not CI).

Needs Debian's python3-torch, python3-torchvision and python3-onnx:
    apt-get install python3-torch python3-torchvision python3-onnx
    /usr/bin/python3 scripts/make_onnx_models.py [OUT_DIR]

Each network is exported by torch.onnx.export with random weights, then every floating-point
initializer loses its data but keeps its type and dims: the graph keeps its shape (what
`codesign import` reads) in tens of kilobytes instead of tens of megabytes. Small integer
initializers (reshape targets and the like) keep their data, which shape inference needs.
"""
import json
import math
import pathlib
import sys

import onnx
import torch
import torchvision


class BertLayer(torch.nn.Module):
    """One BERT-base encoder layer, written out as BERT has it (separate Q, K, V and output
    projections, GELU feed-forward), so that its matrix products are those of
    configs/workloads/bert_base_seq*.json."""

    def __init__(self, hidden=768, heads=12, ffn=3072):
        super().__init__()
        self.heads, self.head_dim = heads, hidden // heads
        self.query = torch.nn.Linear(hidden, hidden)
        self.key = torch.nn.Linear(hidden, hidden)
        self.value = torch.nn.Linear(hidden, hidden)
        self.attention_output = torch.nn.Linear(hidden, hidden)
        self.attention_norm = torch.nn.LayerNorm(hidden)
        self.intermediate = torch.nn.Linear(hidden, ffn)
        self.output = torch.nn.Linear(ffn, hidden)
        self.output_norm = torch.nn.LayerNorm(hidden)

    def split_heads(self, x):
        b, s, _ = x.shape
        return x.view(b, s, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x):
        b, s, h = x.shape
        q = self.split_heads(self.query(x))
        k = self.split_heads(self.key(x))
        v = self.split_heads(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        context = torch.matmul(scores.softmax(dim=-1), v)
        context = context.transpose(1, 2).reshape(b, s, h)
        x = self.attention_norm(x + self.attention_output(context))
        ffn = self.output(torch.nn.functional.gelu(self.intermediate(x)))
        return self.output_norm(x + ffn)


def strip_weights(model: onnx.ModelProto) -> None:
    """Clears the data of every floating-point initializer, keeping its name, type and dims."""
    floats = {onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.DOUBLE,
              onnx.TensorProto.BFLOAT16}
    for t in model.graph.initializer:
        if t.data_type in floats:
            t.ClearField("raw_data")
            t.ClearField("float_data")
            t.ClearField("double_data")
            t.ClearField("int32_data")


def export(net, example, path, input_names, dynamic_axes=None, opset=13):
    net.eval()
    torch.onnx.export(net, example, str(path), input_names=input_names, output_names=["output"],
                      dynamic_axes=dynamic_axes, opset_version=opset, do_constant_folding=True)
    model = onnx.load(str(path))
    strip_weights(model)
    model.doc_string = "weights stripped by scripts/make_onnx_models.py: shapes only"
    onnx.save(model, str(path))
    print(f"{path}: {path.stat().st_size} bytes, {len(model.graph.node)} nodes")


def module_macs(net, example):
    """MACs of every Conv2d and Linear module in one forward pass, from PyTorch's own view of
    the shapes: an independent reference for the importer's tests."""
    macs = []

    def hook(module, inputs, output):
        if isinstance(module, torch.nn.Conv2d):
            per_output = module.in_channels // module.groups * math.prod(module.kernel_size)
        else:
            per_output = module.in_features
        macs.append(output.numel() * per_output)

    handles = [m.register_forward_hook(hook) for m in net.modules()
               if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        net.eval()(example)
    for h in handles:
        h.remove()
    return macs


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/onnx")
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    image = torch.randn(1, 3, 224, 224)
    export(torchvision.models.resnet50(weights=None), image, out / "resnet50.onnx", ["image"])
    mobilenet = torchvision.models.mobilenet_v2(weights=None)
    export(mobilenet, image, out / "mobilenet_v2.onnx", ["image"])
    (out / "mobilenet_v2.macs.json").write_text(
        json.dumps({"source": "scripts/make_onnx_models.py: PyTorch forward hooks on every "
                              "Conv2d and Linear module, batch 1, 224x224",
                    "macs": module_macs(mobilenet, image)}) + "\n")
    # Batch and sequence length left dynamic, as transformer exports usually are: importing
    # it needs --input tokens=BxSx768.
    export(BertLayer(), torch.randn(1, 128, 768), out / "bert_encoder_layer.onnx", ["tokens"],
           dynamic_axes={"tokens": {0: "batch", 1: "sequence"}})


if __name__ == "__main__":
    main()
