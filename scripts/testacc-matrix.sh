#!/usr/bin/env bash
# The provider's acceptance tests (internal/provider, against in-process local registries) on the
# CLIs of the test matrix besides the terraform on PATH, which make test covers: Terraform
# $MATRIX_TERRAFORM_VERSION (terraform query, import by identity, generated configuration: the
# tests that need Terraform 1.12 or 1.14 run there) and OpenTofu $MATRIX_OPENTOFU_VERSION (see
# scripts/lib.sh). scripts/build-cli.sh builds each CLI from the Go module proxy the first time and
# caches it outside the clone.
#
#   scripts/testacc-matrix.sh             # both legs
#   scripts/testacc-matrix.sh tofu        # one leg: terraform or tofu
#
# Every leg runs even when one fails; the script fails at the end, naming the failed legs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

legs=("$@")
[ ${#legs[@]} -gt 0 ] || legs=(terraform tofu)
failed=()
for cli in "${legs[@]}"; do
  case $cli in
    terraform) version=$MATRIX_TERRAFORM_VERSION ;;
    tofu) version=$MATRIX_OPENTOFU_VERSION ;;
    *)
      echo "usage: $0 [terraform|tofu]..." >&2
      exit 2
      ;;
  esac
  if ! bin=$(scripts/build-cli.sh "$cli" "$version"); then
    echo "testacc-matrix: could not build $cli $version" >&2
    failed+=("$cli $version (build)")
    continue
  fi
  echo "TF_ACC=1 TF_ACC_TERRAFORM_PATH=$bin go test ./internal/provider/ -count=1 -timeout 30m"
  TF_ACC=1 TF_ACC_TERRAFORM_PATH=$bin go test ./internal/provider/ -count=1 -timeout 30m || failed+=("$cli $version")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "testacc-matrix: FAILED on ${failed[*]}" >&2
  exit 1
fi
