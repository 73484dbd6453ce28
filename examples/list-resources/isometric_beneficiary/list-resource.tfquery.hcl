# Every beneficiary of your organisation (GET /beneficiaries has no filters), with the state an
# import would record (terraform query, Terraform 1.14 and later). Individuals are listed without
# their email, which the registry never returns.
list "isometric_beneficiary" "all" {
  provider         = isometric
  include_resource = true
}
