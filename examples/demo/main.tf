# The demo configuration applied by `make demo` against the local registry. The provider is
# configured from environment variables that scripts/demo.sh sets (endpoint and the demo buyer's
# credentials). Add demo resources and data sources in their own files next to this one.
# A data source that reports on what the demo's resources changed (balances, batches, lists) must
# depend on them (depends_on or a reference); otherwise it is read before they are created and the
# second `make demo` shows output changes instead of "No changes".
terraform {
  required_version = ">= 1.8" # provider functions (tonnes_to_kg, kg_to_tonnes)

  required_providers {
    isometric = {
      source = "isometric/isometric"
    }
  }
}

provider "isometric" {}

# The organisation the access token acts as: the demo buyer.
data "isometric_organisation" "me" {}
