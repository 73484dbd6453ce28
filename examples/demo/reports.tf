# Reports part of the demo: read-only views of the demo buyer's past transactions, read after this
# apply's own transactions (depends_on). Data sources never write to the registry.

# Retirements of credits the buyer owned, most recent first, with their certificate URLs.
data "isometric_retirements" "mine" {
  # Read after this configuration's own transactions, so that a second apply shows no changes.
  depends_on            = [isometric_retirement.for_beneficiary, isometric_retirement.oldest_2025, isometric_transfer.to_partner, isometric_beneficiary.demo]
  owner_organisation_id = data.isometric_organisation.me.id
}

# The most recent of them in full, with the credit batches it retired.
data "isometric_retirement" "latest" {
  id = data.isometric_retirements.mine.retirements[0].id
}

# The buyer's orders, and the deliveries it received.
data "isometric_orders" "mine" {}

data "isometric_deliveries" "received" {
  to_organisation_id = data.isometric_organisation.me.id
}

# Transfers the buyer sent.
data "isometric_transfers" "sent" {
  # Read after this configuration's own transactions, so that a second apply shows no changes.
  depends_on           = [isometric_retirement.for_beneficiary, isometric_retirement.oldest_2025, isometric_transfer.to_partner, isometric_beneficiary.demo]
  from_organisation_id = data.isometric_organisation.me.id
}

# Who the buyer may retire for, and transfer to.
data "isometric_beneficiaries" "all" {
  # Read after this configuration's own transactions, so that a second apply shows no changes.
  depends_on = [isometric_retirement.for_beneficiary, isometric_retirement.oldest_2025, isometric_transfer.to_partner, isometric_beneficiary.demo]
}

data "isometric_transferees" "all" {}

# Retirement certificates of the International Carbon Registry (scripts/demo.sh enables ICR
# access with ISOMETRIC_ICR_ENDPOINT / ISOMETRIC_ICR_ACCESS_TOKEN).
data "isometric_icr_retirements" "all" {
  limit = 10
}

output "report_retirement_certificates" {
  description = "The buyer's retirements: when, how much, for whom, and the certificate URL."
  value = [
    for r in data.isometric_retirements.mine.retirements :
    "${r.retired_at}: ${r.credit_batch_size_total.tonnes} t for ${r.beneficiary.name} - ${r.url}"
  ]
}

output "report_retired_tonnes" {
  description = "Total retired by the buyer (sum of its retirements, exact)."
  value       = data.isometric_retirements.mine.total.tonnes
}

output "report_latest_retirement_batches" {
  description = "The credit batches of the buyer's most recent retirement (serial numbers and kg)."
  value = {
    retirement = data.isometric_retirement.latest.id
    batches    = [for b in data.isometric_retirement.latest.credit_batches : "${b.serial_number}: ${b.size.kg} kg (${b.status})"]
  }
}

output "report_open_orders" {
  description = "The buyer's orders not yet fully delivered: ordered / delivered / remaining, in tonnes."
  value = {
    for o in data.isometric_orders.mine.orders : o.id =>
    "${o.supplier.organisation.name}: ${o.credits_ordered.tonnes} t ordered, ${o.credits_delivered.tonnes} t delivered, ${o.credits_remaining.tonnes} t to come"
    if o.status != "completed"
  }
}

output "report_deliveries_received" {
  description = "Deliveries the buyer received, and their total."
  value = {
    deliveries = [for d in data.isometric_deliveries.received.deliveries : "${d.delivered_at}: ${d.credit_batch_size_total.tonnes} t from ${d.from_supplier.organisation.name} (order ${d.order_id})"]
    total      = "${data.isometric_deliveries.received.total.tonnes} t"
  }
}

output "report_transfers_sent" {
  description = "Transfers the buyer sent before this apply."
  value       = [for tr in data.isometric_transfers.sent.transfers : "${tr.transferred_at}: ${tr.credit_batch_size_total.tonnes} t to ${tr.to_organisation.name}"]
}

output "report_counterparties" {
  description = "Organisations the buyer may retire on behalf of (beneficiaries) and transfer to (transferees)."
  value = {
    beneficiaries = [for b in data.isometric_beneficiaries.all.beneficiaries : "${b.name} (${b.id})"]
    transferees   = [for o in data.isometric_transferees.all.transferees : "${o.name} (${o.id})"]
  }
}

output "report_icr_retirements" {
  description = "The 10 most recent ICR retirement certificates visible to the ICR token."
  value       = [for r in data.isometric_icr_retirements.all.retirements : "${r.created_at}: ${r.amount} (${r.serialization}) for ${r.beneficiary}, ${try(r.project.full_name, "(no project)")}"]
}
