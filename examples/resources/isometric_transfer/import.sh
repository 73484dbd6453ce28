# Import a transfer by its registry ID.
terraform import isometric_transfer.to_partner tfr_1FJGWSY271S0QSMR
