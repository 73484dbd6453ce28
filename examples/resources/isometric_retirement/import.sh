# Import a retirement by its registry ID. The provider derives every argument from the registry:
# credit_batch_quantities (the retired batches), credit_quantity_kg (the total), supplier_id,
# retirement_purposes, notes, the organisations, and vintage / order_id when all retired credits
# share one. A configuration in either mode that describes the retirement then plans no change.
terraform import isometric_retirement.q3_claims ret_1FYBH4QDT1S0SVKF
