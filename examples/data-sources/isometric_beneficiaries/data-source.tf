# The organisations you may retire credits on behalf of.
data "isometric_beneficiaries" "all" {}

output "beneficiary_ids" {
  value = { for b in data.isometric_beneficiaries.all.beneficiaries : b.name => b.id }
}
