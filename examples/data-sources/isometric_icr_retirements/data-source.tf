# The ICR data sources need ICR access: an icr block in the provider configuration
# (icr { access_token = var.icr_access_token }) or ISOMETRIC_ICR_ACCESS_TOKEN.

# Every retirement certificate the ICR token may see.
data "isometric_icr_retirements" "all" {}

# The retirements of one ICR entity.
data "isometric_icr_retirements" "entity" {
  entity_id = "62ffdcad-bd0d-42f7-b8ff-28785a929ed0"
}

output "entity_serializations" {
  value = [for r in data.isometric_icr_retirements.entity.retirements : "${r.serialization}: ${r.amount}"]
}
