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
