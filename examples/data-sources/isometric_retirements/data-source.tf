data "isometric_organisation" "me" {}

# Every retirement of credits this organisation owned.
data "isometric_retirements" "mine" {
  owner_organisation_id = data.isometric_organisation.me.id
}

# Retirements made on behalf of a beneficiary.
data "isometric_retirements" "for_fund" {
  beneficiary_organisation_id = "org_1GB56M1ST1S0GVNA"
}

output "retired_tonnes" {
  value = data.isometric_retirements.mine.total.tonnes
}

output "certificates" {
  value = { for r in data.isometric_retirements.mine.retirements : r.id => r.url }
}
