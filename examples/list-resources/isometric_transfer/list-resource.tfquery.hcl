# The transfers your organisation sent, with the state an import would record (terraform query,
# Terraform 1.14 and later).
list "isometric_transfer" "sent" {
  provider         = isometric
  include_resource = true

  config {
    from_organisation_id = "org_1B7YQ2N5D1S0K3HT" # your organisation
  }
}

# The transfers it received from one partner.
list "isometric_transfer" "from_partner" {
  provider = isometric

  config {
    from_organisation_id = "org_1DKZ1QXP51S0B4RA"
    to_organisation_id   = "org_1B7YQ2N5D1S0K3HT"
  }
}
