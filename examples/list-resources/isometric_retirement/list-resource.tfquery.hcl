# The retirements of your organisation, with the state an import would record (terraform query,
# Terraform 1.14 and later). Put it in a .tfquery.hcl file next to the configuration holding the
# provider block, then run `terraform query` (or `terraform query -generate-config-out=adopt.tf`).
list "isometric_retirement" "mine" {
  provider         = isometric
  include_resource = true
  limit            = 1000 # Terraform's default: 100

  config {
    owner_organisation_id = "org_1B7YQ2N5D1S0K3HT" # your organisation (isometric_organisation)
  }
}

# Only those on behalf of one beneficiary.
list "isometric_retirement" "for_acme" {
  provider = isometric

  config {
    beneficiary_organisation_id = "org_1GB56M1ST1S0GVNA"
  }
}
