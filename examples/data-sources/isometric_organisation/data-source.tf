# The organisation the provider's access token acts as (your own organisation).
data "isometric_organisation" "me" {}

# Any organisation by its ID.
data "isometric_organisation" "partner" {
  id = "org_1GB56M1ST1S0GVNA"
}

output "my_organisation_id" {
  value = data.isometric_organisation.me.id
}
