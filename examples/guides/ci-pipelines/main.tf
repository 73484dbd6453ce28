# A configuration applied from CI to two registry environments. The structure is the same in both;
# the IDs, which differ between the sandbox and production, come from environments/<name>.tfvars.
terraform {
  required_version = ">= 1.8"

  required_providers {
    isometric = {
      source = "isometric/isometric"
    }
  }

  # A remote backend with locking and one state per environment, for example:
  #   backend "s3" {}
  # initialised with `terraform init -backend-config=environments/production.s3.tfbackend`.
}

# The environment and the credentials come from the pipeline's ISOMETRIC_ENVIRONMENT,
# ISOMETRIC_CLIENT_SECRET and ISOMETRIC_ACCESS_TOKEN variables: nothing secret in the configuration.
provider "isometric" {}

variable "supplier_id" {
  description = "The supplier whose credits are retired (spl_...), in this environment."
  type        = string
}

variable "q3_batch_id" {
  description = "The credit batch the Q3 claims are retired from (ctb_...), in this environment."
  type        = string
}

variable "beneficiary_organisation_id" {
  description = "The organisation the Q3 claims are retired on behalf of (org_...); null for ourselves."
  type        = string
  default     = null
}

resource "isometric_retirement" "q3_claims" {
  supplier_id = var.supplier_id
  credit_batch_quantities = [{
    credit_batch_id    = var.q3_batch_id
    credit_quantity_kg = provider::isometric::tonnes_to_kg("12.5")
  }]
  retirement_purposes         = ["public_environmental_claims"]
  beneficiary_organisation_id = var.beneficiary_organisation_id
  notes                       = "Q3 2025 public climate claims"
}

output "q3_certificate" {
  value = isometric_retirement.q3_claims.url
}
