# Import a delivery by its registry ID (acting as the supplier's organisation).
terraform import isometric_delivery.tranche_2 dlv_1FJGWSY271S0QSMR
