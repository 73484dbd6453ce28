package localregistry

// Credentials of the built-in demo world. They are not secrets: they only open the local registry.
const (
	DemoClientSecret   = "demo-client-secret"
	DemoBuyerToken     = "demo-buyer-token"
	DemoSupplierAToken = "demo-supplier-a-token"
	DemoSupplierBToken = "demo-supplier-b-token"
	DemoPartnerToken   = "demo-partner-token"
	DemoICRToken       = "demo-icr-token"
)

// Organisations of the demo world.
const (
	// DemoBuyerOrgID is the buyer: holds active batches from both suppliers, has beneficiaries and transferees.
	DemoBuyerOrgID = "org_1DEMOBUYER000001"
	// DemoSupplierAOrgID and DemoSupplierBOrgID are the suppliers' own organisations.
	DemoSupplierAOrgID = "org_1DEMOSUPPLIERA01"
	DemoSupplierBOrgID = "org_1DEMOSUPPLIERB01"
	// DemoPartnerOrgID is among the buyer's transferees (a valid transfer recipient).
	DemoPartnerOrgID = "org_1DEMOPARTNER0001"
	// DemoBeneficiaryOrgID is among the buyer's beneficiaries (a valid retirement beneficiary).
	DemoBeneficiaryOrgID = "org_1DEMOBENEFIC0001"
	// DemoStrangerOrgID is neither a transferee nor a beneficiary of the buyer.
	DemoStrangerOrgID = "org_1DEMOSTRANGER001"
)

// Suppliers, projects, issuances, orders.
const (
	DemoSupplierAID = "spl_1DEMOSUPPLIERA01"
	DemoSupplierBID = "spl_1DEMOSUPPLIERB01"

	DemoProjectA1ID = "prj_1DEMOPROJECTA001"
	DemoProjectA2ID = "prj_1DEMOPROJECTA002"
	DemoProjectB1ID = "prj_1DEMOPROJECTB001"

	DemoIssuanceA1ID = "iss_1DEMOISSUANCEA01" // supplier A, project A1, vintage 2024
	DemoIssuanceA2ID = "iss_1DEMOISSUANCEA02" // supplier A, project A2, vintage 2025
	DemoIssuanceB1ID = "iss_1DEMOISSUANCEB01" // supplier B, project B1, vintage 2025

	// DemoOrderA1ID: buyer's completed order from supplier A (delivered the buyer's A batches).
	DemoOrderA1ID = "ord_1DEMOORDERA00001"
	// DemoOrderA2ID: buyer's open order from supplier A (placed, 50 t ordered, 10 t delivered).
	DemoOrderA2ID = "ord_1DEMOORDERA00002"
	// DemoOrderB1ID: buyer's completed order from supplier B.
	DemoOrderB1ID = "ord_1DEMOORDERB00001"
)

// Credit batches of the demo world (sizes in kg).
const (
	// Owned by the buyer, active, supplier A, project A1, vintage 2024, delivered through order A1.
	DemoBatchA1Buyer1 = "ctb_1DEMOBATCHA1B001" // 5 000 kg, the oldest active batch of supplier A
	DemoBatchA1Buyer2 = "ctb_1DEMOBATCHA1B002" // 12 500 kg
	// Owned by the buyer, active, supplier A, project A2, vintage 2025, delivered through order A2.
	DemoBatchA2Buyer1 = "ctb_1DEMOBATCHA2B001" // 10 000 kg
	// Owned by the buyer, active, supplier B, project B1, vintage 2025, delivered through order B1.
	DemoBatchB1Buyer1 = "ctb_1DEMOBATCHB1B001" // 20 000 kg
	DemoBatchB1Buyer2 = "ctb_1DEMOBATCHB1B002" // 7 250 kg
	// Owned by the buyer, already retired (supplier A) through DemoRetirementID.
	DemoBatchA1Retired = "ctb_1DEMOBATCHA1R001" // 2 000 kg
	// A split parent (supplier B) and its children: left child retired, right child active (buyer).
	DemoBatchB1Split      = "ctb_1DEMOBATCHB1S001" // 3 000 kg, status split
	DemoBatchB1SplitLeft  = "ctb_1DEMOBATCHB1S002" // 1 000 kg, retired
	DemoBatchB1SplitRight = "ctb_1DEMOBATCHB1S003" // 2 000 kg, active, owned by the buyer
	// Owned by supplier A's organisation, active, undelivered (to deliver against order A2).
	DemoBatchA2Supplier1 = "ctb_1DEMOBATCHA2S001" // 30 000 kg
	DemoBatchA2Supplier2 = "ctb_1DEMOBATCHA2S002" // 25 000 kg
	// Owned by supplier B's organisation, active, undelivered.
	DemoBatchB1Supplier1 = "ctb_1DEMOBATCHB1S101" // 15 000 kg
	// Owned by the partner organisation (someone else's batch), supplier A.
	DemoBatchA1Partner = "ctb_1DEMOBATCHA1P001" // 4 000 kg
)

// Past transactions of the demo world.
const (
	DemoRetirementID    = "ret_1DEMORETIREMENT01" // buyer retired DemoBatchA1Retired for itself
	DemoDeliveryA1ID    = "dlv_1DEMODELIVERYA01"  // supplier A -> buyer, order A1
	DemoDeliveryA2ID    = "dlv_1DEMODELIVERYA02"  // supplier A -> buyer, order A2 (the 10 t delivered so far)
	DemoDeliveryB1ID    = "dlv_1DEMODELIVERYB01"  // supplier B -> buyer, order B1
	DemoTransferID      = "tfr_1DEMOTRANSFER001"  // buyer -> partner, DemoBatchA1Partner
	DemoRefundID        = "bpr_1DEMOREFUND00001"  // buffer pool refund to the buyer
	DemoDocumentID      = "doc_1DEMODOCUMENT001"  // a project document of project A1
	DemoStripeConfigID  = "scf_1DEMOSTRIPECFG01"  // supplier A's Stripe configuration (supplier B has none: 404)
	DemoICRRetirementID = "123e4567-e89b-12d3-a456-426614174000"
	DemoICREntityID     = "62ffdcad-bd0d-42f7-b8ff-28785a929ed0"
)

// Additional demo records (added by the local registry; the constants above are the contract).
const (
	// DemoBufferPoolOrgID owns the buffer pool batches and is the source of DemoRefundID.
	DemoBufferPoolOrgID = "org_1DEMOBUFFERPOOL01"
	// DemoRetirementB1ID: buyer retired DemoBatchB1SplitLeft (1 000 kg, supplier B) for DemoBeneficiaryOrgID.
	DemoRetirementB1ID = "ret_1DEMORETIREMENT02"
	// Buffer pool batches: A1's stays in the pool (active, owned by the buffer pool organisation);
	// B1's refunded batch was given to the buyer by DemoRefundID (active, 500 kg, supplier B, no order).
	DemoBatchA1BufferPool = "ctb_1DEMOBATCHA1BP01" // 1 000 kg
	DemoBatchB1BufferPool = "ctb_1DEMOBATCHB1BP01" // 1 500 kg
	DemoBatchB1Refunded   = "ctb_1DEMOBATCHB1BP02" // 500 kg, owned by the buyer
	// A second document of project A1.
	DemoDocument2ID = "doc_1DEMODOCUMENT002"
	// More ICR retirements: one more of DemoICREntityID, one of another entity.
	DemoICRRetirement2ID = "8f14e45f-ceea-4e67-a6e2-3c8f0b1d2a10"
	DemoICRRetirement3ID = "c9f0f895-fb98-4b91-9c3a-5d6e7f8a9b01"
	DemoICROtherEntityID = "a87ff679-a2f3-4e71-8b2c-1d9e0f3a4b5c"
)
