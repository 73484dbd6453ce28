# Every issuance of the registry, most recently issued first.
data "isometric_issuances" "all" {}

# The five most recent issuances of one supplier.
data "isometric_issuances" "supplier" {
  supplier_id = "spl_1CC712KFS1S0YKPS"
  limit       = 5
}

output "recent_issuances" {
  value = [for i in data.isometric_issuances.supplier.issuances : "${i.issued_at}: ${i.credit_batch_size_total.tonnes} t"]
}
