#!/usr/bin/env bash
# Fails when docs/ is stale: regenerates the documentation into a scratch directory (git-ignored
# bin/) and compares it with docs/. The working tree is left untouched.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v terraform >/dev/null 2>&1; then
  echo "docs-check: tfplugindocs needs the terraform CLI on PATH to read the provider schema; install Terraform (https://developer.hashicorp.com/terraform/install)." >&2
  exit 1
fi

out=bin/docs-check
rm -rf "$out"
mkdir -p bin
trap 'rm -rf "$out"' EXIT

if ! log=$(go tool tfplugindocs generate --provider-name isometric --rendered-website-dir "$out" 2>&1); then
  echo "$log" >&2
  echo "docs-check: generating the documentation failed" >&2
  exit 1
fi

if ! diff -ru docs "$out"; then
  echo >&2
  echo "docs-check: docs/ is stale. Run 'make docs' and commit the result." >&2
  exit 1
fi
echo "docs-check: docs/ is up to date"
