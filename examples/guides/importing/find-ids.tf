# Lists the IDs of existing records, to write the import blocks. Apply it once (it only reads), or
# evaluate the same expressions in `terraform console`.
data "isometric_organisation" "me" {}

data "isometric_retirements" "mine" {
  owner_organisation_id = data.isometric_organisation.me.id
}

data "isometric_transfers" "sent" {
  from_organisation_id = data.isometric_organisation.me.id
}

data "isometric_beneficiaries" "all" {}

output "retirements" {
  value = [
    for r in data.isometric_retirements.mine.retirements :
    "${r.id}: ${r.retired_at}, ${r.credit_batch_size_total.tonnes} t for ${r.beneficiary.name}, ${jsonencode(r.purposes)}, notes ${jsonencode(r.notes)}"
  ]
}

output "transfers" {
  value = [for t in data.isometric_transfers.sent.transfers : "${t.id}: ${t.transferred_at}, ${t.credit_batch_size_total.tonnes} t to ${t.to_organisation.name}"]
}

output "beneficiaries" {
  value = { for b in data.isometric_beneficiaries.all.beneficiaries : b.id => b.name }
}
