# Beneficiary and transfer part of the demo (runs as the demo buyer against the local registry).

# A new organisation beneficiary the buyer can retire on behalf of.
resource "isometric_beneficiary" "demo" {
  name   = "Demo Climate Fund"
  domain = "demo-climate-fund.example"
}

# Transfer 1.5 t of the buyer's supplier-B batch to the partner organisation (one of the buyer's
# transferees). The batch holds 7.25 t, so the registry splits it: the partner receives a new
# 1.5 t batch and the buyer keeps the remaining 5.75 t.
resource "isometric_transfer" "to_partner" {
  to_organisation_id = "org_1DEMOPARTNER0001" # localregistry.DemoPartnerOrgID
  supplier_id        = "spl_1DEMOSUPPLIERB01" # localregistry.DemoSupplierBID
  notes              = "Demo transfer to our partner"
  credit_batch_quantities = [{
    credit_batch_id    = "ctb_1DEMOBATCHB1B002" # localregistry.DemoBatchB1Buyer2 (7 250 kg)
    credit_quantity_kg = provider::isometric::tonnes_to_kg("1.5")
  }]
}

output "demo_beneficiary_id" {
  value = isometric_beneficiary.demo.id
}

output "demo_transfer_id" {
  value = isometric_transfer.to_partner.id
}

output "demo_transfer_tonnes" {
  value = provider::isometric::kg_to_tonnes(isometric_transfer.to_partner.credit_batch_size_total.kg)
}

output "demo_transferred_batches" {
  value = [for b in isometric_transfer.to_partner.credit_batches : "${b.id} (${b.serial_number}): ${b.kg} kg"]
}
