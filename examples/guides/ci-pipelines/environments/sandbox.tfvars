# IDs of the sandbox (https://api.sandbox.isometric.com): they do not exist in production.
supplier_id = "spl_1CC712KFS1S0YKPS"
q3_batch_id = "ctb_1DRBTYA8Q1S07CBY"
