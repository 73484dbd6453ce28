data "isometric_issuance" "this" {
  id = "iss_1EWT8R5FY1S0GFCY"
}

output "issuance" {
  value = {
    supplier           = data.isometric_issuance.this.supplier.organisation.name
    supplier_tonnes    = data.isometric_issuance.this.supplier_credit_batch_size_total.tonnes
    buffer_pool_tonnes = data.isometric_issuance.this.buffer_pool_credit_batch_size_total.tonnes
    batch_ids          = [for b in data.isometric_issuance.this.supplier_credit_batches : b.id]
  }
}
