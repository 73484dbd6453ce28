data "isometric_credit_batch" "this" {
  id = "ctb_1DRBTYA8Q1S07CBY"
}

output "batch" {
  value = {
    status        = data.isometric_credit_batch.this.status
    kg            = data.isometric_credit_batch.this.size.kg
    serial_number = data.isometric_credit_batch.this.serial_number
    children      = [data.isometric_credit_batch.this.left_child_id, data.isometric_credit_batch.this.right_child_id]
  }
}
