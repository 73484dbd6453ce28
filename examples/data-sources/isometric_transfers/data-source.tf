data "isometric_organisation" "me" {}

# The transfers this organisation sent.
data "isometric_transfers" "sent" {
  from_organisation_id = data.isometric_organisation.me.id
}

# The 10 most recent transfers it received.
data "isometric_transfers" "received" {
  to_organisation_id = data.isometric_organisation.me.id
  limit              = 10
}

output "sent_tonnes" {
  value = data.isometric_transfers.sent.total.tonnes
}
