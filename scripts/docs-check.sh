#!/usr/bin/env bash
# Fails when docs/ is stale: regenerates the documentation into a scratch directory (git-ignored
# bin/) and compares it with docs/. The working tree is left untouched.
#
# tfplugindocs reads the provider schema through the terraform CLI, and list resources are in it
# from Terraform 1.14 on: the check uses the terraform on PATH when it is 1.14 or later, else the
# one scripts/build-cli.sh cached. With an older terraform only, it checks everything but
# docs/list-resources and says so; with no terraform at all (only OpenTofu), it is skipped with the
# reason.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

exclude=()
if tf=$(docs_terraform); then
  export PATH="$(dirname "$tf"):$PATH"
elif tf=$(command -v terraform); then
  echo "docs-check: docs/list-resources not checked: terraform $(terraform_version "$tf") does not report list resources" \
    "(Terraform 1.14 and later do); scripts/build-cli.sh terraform $MATRIX_TERRAFORM_VERSION builds one (cached) that" \
    "make docs and this check then use." >&2
  exclude=(-x list-resources)
else
  echo "docs-check: skipped: tfplugindocs reads the provider schema with the terraform CLI (OpenTofu cannot stand in)." \
    "Install Terraform 1.14 or later (https://developer.hashicorp.com/terraform/install), or run" \
    "scripts/build-cli.sh terraform $MATRIX_TERRAFORM_VERSION (cached), to check docs/." >&2
  exit 0
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

if ! diff -ru ${exclude[@]+"${exclude[@]}"} docs "$out"; then
  echo >&2
  echo "docs-check: docs/ is stale. Run 'make docs' and commit the result." >&2
  exit 1
fi
echo "docs-check: docs/ is up to date"
