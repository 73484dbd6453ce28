# IDs of production (https://api.isometric.com): they do not exist in the sandbox.
supplier_id                 = "spl_1GB56M1ST1S0GVNA"
q3_batch_id                 = "ctb_1CA2D3S73SBXYN70"
beneficiary_organisation_id = "org_1CP8EQDNQSBXTMR2"
