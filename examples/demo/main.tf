# The demo configuration applied by `make demo` against the local registry. The provider is
# configured from environment variables that scripts/demo.sh sets (endpoint and the demo buyer's
# credentials). Add demo resources and data sources in their own files next to this one.
terraform {
  required_providers {
    isometric = {
      source = "isometric/isometric"
    }
  }
}

provider "isometric" {}

# The organisation the access token acts as: the demo buyer.
data "isometric_organisation" "me" {}
