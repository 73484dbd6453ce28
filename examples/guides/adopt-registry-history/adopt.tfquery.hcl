# adopt.tfquery.hcl: everything your organisation did in the registry, to adopt with
# `terraform query -generate-config-out=adopt.tf`. The provider block is the one of your
# configuration (main.tf); list blocks only read.
list "isometric_retirement" "retired" {
  provider         = isometric
  include_resource = true
  limit            = 1000

  config {
    owner_organisation_id = "org_1B7YQ2N5D1S0K3HT" # your organisation
  }
}

list "isometric_transfer" "sent" {
  provider         = isometric
  include_resource = true
  limit            = 1000

  config {
    from_organisation_id = "org_1B7YQ2N5D1S0K3HT"
  }
}

list "isometric_delivery" "received" {
  provider         = isometric
  include_resource = true
  limit            = 1000

  config {
    to_organisation_id = "org_1B7YQ2N5D1S0K3HT"
  }
}

list "isometric_beneficiary" "all" {
  provider         = isometric
  include_resource = true
  limit            = 1000
}
