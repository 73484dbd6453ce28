# Bring an existing delivery under Terraform. With a configuration that describes
# it the plan shows only the import, no change.
import {
  to = isometric_delivery.tranche_2
  id = "dlv_1FJGWSY271S0QSMR"
}

resource "isometric_delivery" "tranche_2" {
  order_id = "ord_1FAN3S3WV1S0B842"
  credit_batch_quantities = [{
    credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
    credit_quantity_kg = 15000
  }]
}
