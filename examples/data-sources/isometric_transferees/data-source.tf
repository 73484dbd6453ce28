# The organisations you may transfer credits to.
data "isometric_transferees" "all" {}

output "transferee_ids" {
  value = { for o in data.isometric_transferees.all.transferees : o.name => o.id }
}
