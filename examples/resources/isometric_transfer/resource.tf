# Transfer 12.5 t of one batch and all of another to a partner organisation (one of your
# transferees: see the isometric_transferees data source). All batches come from one supplier.
resource "isometric_transfer" "to_partner" {
  to_organisation_id = "org_1CP8EQDNQSBXTMR2"
  supplier_id        = "spl_1CC712KFS1S0YKPS"
  notes              = "Transferred to our partner for their 2026 claims"

  credit_batch_quantities = [
    {
      credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
      credit_quantity_kg = provider::isometric::tonnes_to_kg("12.5") # 12500 kg: the batch is split
    },
    {
      credit_batch_id    = "ctb_1CA2D3S73SBXYN70"
      credit_quantity_kg = 4000 # the whole batch
    },
  ]

  # from_organisation_id defaults to the organisation the access token acts as.
}

output "transfer_id" {
  value = isometric_transfer.to_partner.id
}

output "transferred_tonnes" {
  value = provider::isometric::kg_to_tonnes(isometric_transfer.to_partner.credit_batch_size_total.kg)
}
