terraform {
  required_version = ">= 1.8" # provider functions (tonnes_to_kg, kg_to_tonnes)

  required_providers {
    isometric = {
      source = "isometric/isometric"
    }
  }
}

# Credentials come from the environment (ISOMETRIC_CLIENT_SECRET, ISOMETRIC_ACCESS_TOKEN) so that
# they stay out of the configuration. The sandbox environment is the default.
provider "isometric" {
  environment = "sandbox" # or "production"
}

# Against the local registry (make registry), with credentials of its demo world:
# provider "isometric" {
#   endpoint      = "http://127.0.0.1:8765/registry/v0"
#   client_secret = "demo-client-secret"
#   access_token  = "demo-buyer-token"
#
#   # Optional: the International Carbon Registry (ICR) retirement endpoints.
#   icr {
#     endpoint     = "http://127.0.0.1:8765/icr"
#     access_token = "demo-icr-token"
#   }
# }
