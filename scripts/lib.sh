# Shared helpers of the project's scripts (sourced, not run).

# terraform_cli prints the Terraform CLI to use: terraform from PATH, else OpenTofu's tofu; it
# fails with what to install when neither is there.
terraform_cli() {
  if command -v terraform >/dev/null 2>&1; then
    command -v terraform
  elif command -v tofu >/dev/null 2>&1; then
    command -v tofu
  else
    echo "error: neither terraform nor tofu is on PATH. Install Terraform (https://developer.hashicorp.com/terraform/install) or OpenTofu (https://opentofu.org/docs/intro/install/)." >&2
    return 1
  fi
}

# demo_constant NAME prints the value of a string constant of internal/localregistry/demo_ids.go
# (the demo world's credentials and IDs live there only).
demo_constant() {
  local v
  v=$(sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\([^\"]*\)\".*/\1/p" internal/localregistry/demo_ids.go | head -n1)
  if [ -z "$v" ]; then
    echo "error: constant $1 not found in internal/localregistry/demo_ids.go" >&2
    return 1
  fi
  printf '%s' "$v"
}

# The CLIs of the test matrix besides the terraform on PATH (.ci/run, make testacc-matrix), built
# from the Go module proxy by scripts/build-cli.sh and cached outside the clone. The Terraform one
# also generates the documentation: list resources are in the provider schema from Terraform 1.14 on.
MATRIX_TERRAFORM_VERSION=1.14.9
MATRIX_OPENTOFU_VERSION=1.10.10

# version_at_least V MIN: version V (e.g. 1.11.4) is MIN or later.
version_at_least() {
  [ -n "$1" ] && [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V)" = "$(printf '%s\n%s' "$2" "$1")" ]
}

# terraform_version TF prints the version of the terraform binary TF (e.g. 1.11.4).
terraform_version() {
  local out
  out=$(CHECKPOINT_DISABLE=1 "$1" version 2>/dev/null) || return 1
  out=${out%%$'\n'*}
  printf '%s' "${out#Terraform v}"
}

# docs_terraform prints a terraform of version 1.14 or later for tfplugindocs: the one on PATH when
# it is recent enough, else the one scripts/build-cli.sh cached; it fails (printing nothing) when
# there is none.
docs_terraform() {
  local tf
  if tf=$(command -v terraform) && version_at_least "$(terraform_version "$tf")" 1.14.0; then
    printf '%s\n' "$tf"
    return 0
  fi
  scripts/build-cli.sh --cached terraform "$MATRIX_TERRAFORM_VERSION"
}
