#!/usr/bin/env bash
# Checks of the project's files other than Go code (run by .ci/run, `make check-project`, and the
# GitHub test workflow):
#   - the GitHub workflows (.github/workflows) with actionlint: syntax, expressions, job and step
#     keys, the inputs of well-known actions; every action pinned to a full version (vX.Y.Z or a
#     commit SHA); the golangci-lint and GoReleaser versions the same as the project's;
#   - the workflow examples of the guides (examples/guides/*/*.yml) the same way;
#   - the release configuration (.goreleaser.yml) with `goreleaser check`;
#   - the formatting of examples/ with `terraform fmt -check -recursive` (terraform, else tofu);
#   - every example with `terraform validate` against the provider built from this tree (each .tf
#     file on its own, examples/demo as a whole), so that the examples and the guides use the
#     provider's real resources, attributes and functions.
#
# actionlint and GoReleaser are pinned below and installed with `go install` (from the Go module
# proxy) when missing, into a cache outside the clone, one directory per tool and version:
# $ISOMETRIC_TOOLS_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/isometric-tools. Building
# GoReleaser takes a few minutes the first time; later runs reuse the binary.
#
# Every check runs; the script fails at the end, naming the checks that failed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ACTIONLINT_VERSION=v1.7.12
GORELEASER_VERSION=v2.16.0

tools=${ISOMETRIC_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/isometric-tools}
workflows=.github/workflows
failed=()

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The machine's TF_CLI_CONFIG_FILE may name a missing file: use an empty one instead.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  : >"$scratch/terraformrc"
  export TF_CLI_CONFIG_FILE=$scratch/terraformrc
fi

say() { echo "check-project: $*"; }
fail() {
  echo "check-project: error: $2" >&2
  failed+=("$1")
}

# tool NAME PACKAGE VERSION VERSION_FLAG prints the path of NAME built from PACKAGE@VERSION,
# installing it first when the cached binary is missing or does not run.
tool() {
  local name=$1 pkg=$2 version=$3 flag=$4
  local dir=$tools/$name-$version
  if ! "$dir/$name" "$flag" >/dev/null 2>&1; then
    say "installing $name $version (go install $pkg@$version)" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    if ! GOBIN=$dir go install "$pkg@$version" >&2; then
      rm -rf "$dir"
      return 1
    fi
  fi
  printf '%s\n' "$dir/$name"
}

# ---- GitHub workflows ----------------------------------------------------------------------------

shopt -s nullglob
workflow_files=("$workflows"/*.yml "$workflows"/*.yaml examples/guides/*/*.yml)
shopt -u nullglob

if [ ${#workflow_files[@]} -eq 0 ]; then
  fail "workflows" "no workflow files in $workflows"
else
  say "actionlint $ACTIONLINT_VERSION on ${workflow_files[*]}"
  if actionlint=$(tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION" -version); then
    # actionlint knows the inputs and outputs of well-known actions by major version (@v4), so it
    # reads a copy of the workflows whose full versions (@v4.2.2) are cut to the major; lines and
    # file names stay those of the repository.
    copy=$scratch/workflows-copy
    for f in "${workflow_files[@]}"; do
      mkdir -p "$copy/$(dirname "$f")"
      sed -E 's#^([[:space:]]*(-[[:space:]]+)?uses:[[:space:]]*["'\'']?[^@"'\''[:space:]]+@v[0-9]+)(\.[0-9]+)+#\1#' "$f" >"$copy/$f"
    done
    if ! (cd "$copy" && "$actionlint" -no-color "${workflow_files[@]}"); then
      fail "actionlint" "actionlint found problems in $workflows (see above)"
    fi
  else
    fail "actionlint" "could not install actionlint $ACTIONLINT_VERSION"
  fi

  # Every `uses:` names a local action, a Docker image, or an action at a full version or commit.
  unpinned=$(grep -nE '^[[:space:]]*(-[[:space:]]+)?uses:' "${workflow_files[@]}" |
    grep -vE "uses:[[:space:]]*[\"']?(\./|docker://|[^@[:space:]\"']+@(v[0-9]+\.[0-9]+\.[0-9]+|[0-9a-f]{40})([\"'[:space:]]|\$))" || true)
  if [ -n "$unpinned" ]; then
    echo "$unpinned" >&2
    fail "pinned actions" "pin these actions to a full version (owner/action@vX.Y.Z) or a commit SHA"
  fi

  # The workflows run the same golangci-lint and GoReleaser as the Makefile and this script.
  want_lint=$(sed -n 's/^GOLANGCI_LINT_VERSION[[:space:]]*:*=[[:space:]]*\([^[:space:]]*\).*/\1/p' GNUmakefile | head -n1)
  lint_versions=$(grep -A5 'uses:[[:space:]]*golangci/golangci-lint-action@' "${workflow_files[@]}" |
    sed -n 's/.*version:[[:space:]]*["'\'']\{0,1\}\([^"'\''[:space:]]*\).*/\1/p' | sort -u)
  if [ -z "$want_lint" ]; then
    fail "golangci-lint version" "GOLANGCI_LINT_VERSION not found in GNUmakefile"
  elif [ -n "$lint_versions" ] && [ "$lint_versions" != "$want_lint" ]; then
    fail "golangci-lint version" "the workflows run golangci-lint $(echo "$lint_versions" | paste -sd, -), GNUmakefile pins $want_lint: use the same version"
  fi
  release_versions=$(grep -A6 'uses:[[:space:]]*goreleaser/goreleaser-action@' "${workflow_files[@]}" |
    sed -n 's/.*[[:space:]]version:[[:space:]]*["'\'']\{0,1\}\([^"'\''[:space:]]*\).*/\1/p' | sort -u)
  if [ -n "$release_versions" ] && [ "$release_versions" != "$GORELEASER_VERSION" ]; then
    fail "goreleaser version" "the release workflow runs GoReleaser $(echo "$release_versions" | paste -sd, -), this script checks with $GORELEASER_VERSION: use the same version"
  fi
fi

# ---- Release configuration -----------------------------------------------------------------------

say "goreleaser $GORELEASER_VERSION check"
if goreleaser=$(tool goreleaser github.com/goreleaser/goreleaser/v2 "$GORELEASER_VERSION" --version); then
  if ! "$goreleaser" check; then
    fail "goreleaser check" "goreleaser check refused .goreleaser.yml (see above)"
  fi
else
  fail "goreleaser check" "could not install GoReleaser $GORELEASER_VERSION"
fi

# ---- Examples ------------------------------------------------------------------------------------

if tf=$(terraform_cli); then
  say "$(basename "$tf") fmt -check -recursive examples/"
  if ! "$tf" fmt -check -recursive -diff examples/; then
    fail "terraform fmt" "examples/ is not formatted: run 'make fmt' and commit the result"
  fi

  say "$(basename "$tf") validate of every example against the provider built from this tree"
  if go build -o "$scratch/provider/terraform-provider-isometric" .; then
    # The CLI takes the provider from the build (no init, no download), under the source address
    # the examples use, and OpenTofu's equivalent.
    cat >"$scratch/validate.tfrc" <<CONFIG
provider_installation {
  dev_overrides {
    "registry.terraform.io/isometric/isometric" = "$scratch/provider"
    "registry.opentofu.org/isometric/isometric" = "$scratch/provider"
  }
  direct {}
}
CONFIG
    # An example without a terraform block gets one naming the provider's source (provider
    # functions need it).
    providers_tf='terraform {
  required_providers {
    isometric = {
      source = "isometric/isometric"
    }
  }
}'
    invalid=()
    validate() { # validate NAME FILE...: validates the files together in a directory of their own
      local name=$1 dir out
      shift
      dir=$(mktemp -d "$scratch/validate.XXXXXX")
      cp "$@" "$dir/"
      if ! grep -q 'required_providers' "$@"; then
        printf '%s\n' "$providers_tf" >"$dir/zz_providers.tf"
      fi
      if ! out=$(TF_CLI_CONFIG_FILE=$scratch/validate.tfrc "$tf" -chdir="$dir" validate -no-color 2>&1); then
        echo "--- $name" >&2
        if printf '%s\n' "$out" | grep -q 'Error'; then
          printf '%s\n' "$out" | sed -n '/Error/,$p' >&2
        else
          printf '%s\n' "$out" >&2
        fi
        invalid+=("$name")
      fi
    }
    while IFS= read -r f; do
      validate "$f" "$f"
    done < <(find examples -name '*.tf' -not -path 'examples/demo/*' | sort)
    if [ -d examples/demo ]; then
      validate examples/demo examples/demo/*.tf
    fi
    if [ ${#invalid[@]} -gt 0 ]; then
      fail "terraform validate" "examples that do not validate: ${invalid[*]}"
    fi
  else
    fail "terraform validate" "could not build the provider to validate the examples"
  fi
else
  fail "terraform fmt" "no Terraform CLI to check the formatting of examples/"
  fail "terraform validate" "no Terraform CLI to validate the examples"
fi

if [ ${#failed[@]} -gt 0 ]; then
  say "FAILED: ${failed[*]}"
  exit 1
fi
say "all checks passed"
