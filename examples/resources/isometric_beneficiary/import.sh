# An organisation beneficiary: by its organisation ID.
terraform import isometric_beneficiary.acme org_1GB56M1ST1S0GVNA

# An individual beneficiary: the registry never returns emails, so give the email after a comma
# to record it in the state (with the ID alone, the next plan records the configured email).
terraform import isometric_beneficiary.jane 'org_1CP8EQDNQSBXTMR2,jane.doe@example.com'
