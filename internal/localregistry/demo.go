package localregistry

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// DemoSeed builds the demo world described in demo_ids.go and README.md (a fresh copy on every
// call). Each part of the world is added by one function below, in the order of the seed's lists.
//
// Buyer (DemoBuyerOrgID) balance: active 57 250 kg (A1Buyer1 5 000 + A1Buyer2 12 500 + A2Buyer1 10 000 +
// B1Buyer1 20 000 + B1Buyer2 7 250 + B1SplitRight 2 000 + B1Refunded 500), retired 3 000 kg
// (A1Retired 2 000 + B1SplitLeft 1 000). Supplier A's organisation holds 55 000 kg undelivered
// (A2Supplier1 30 000 + A2Supplier2 25 000) against order A2's 40 000 kg remaining.
func DemoSeed() *Seed {
	s := &Seed{ClientSecret: DemoClientSecret}
	demoOrganisations(s)
	demoSupplierA(s)
	demoSupplierB(s)
	demoBuyerHistory(s)
	demoICR(s)
	return s
}

// demoOrganisations adds the tokens and the organisations: the buyer (beneficiary and transferee
// lists), the suppliers' own organisations, the partner, the beneficiary, the stranger and the
// buffer pool.
func demoOrganisations(s *Seed) {
	s.Tokens = []*SeedToken{
		{Token: DemoBuyerToken, OrganisationID: DemoBuyerOrgID},
		{Token: DemoSupplierAToken, OrganisationID: DemoSupplierAOrgID},
		{Token: DemoSupplierBToken, OrganisationID: DemoSupplierBOrgID},
		{Token: DemoPartnerToken, OrganisationID: DemoPartnerOrgID},
	}
	s.Organisations = []*SeedOrganisation{
		{ID: DemoBuyerOrgID, Name: "Demo Buyer Ltd", Domain: strPtr("buyer.example.com"),
			Beneficiaries: []string{DemoBeneficiaryOrgID}, Transferees: []string{DemoPartnerOrgID}},
		{ID: DemoSupplierAOrgID, Name: "Demo Supplier A", Domain: strPtr("supplier-a.example.com")},
		{ID: DemoSupplierBOrgID, Name: "Demo Supplier B", Domain: strPtr("supplier-b.example.com")},
		{ID: DemoPartnerOrgID, Name: "Demo Partner Co", Domain: strPtr("partner.example.com"), Transferees: []string{DemoBuyerOrgID}},
		{ID: DemoBeneficiaryOrgID, Name: "Demo Beneficiary Foundation", Domain: strPtr("beneficiary.example.org")},
		{ID: DemoStrangerOrgID, Name: "Demo Stranger Inc", Domain: strPtr("stranger.example.com")},
		{ID: DemoBufferPoolOrgID, Name: "Isometric Buffer Pool", Domain: strPtr("isometric.com")},
	}
}

// demoSupplierA adds supplier A's world: the supplier, projects A1 (with two documents) and A2,
// their issuances and batches, the buyer's orders A1 (completed) and A2 (10 t of 50 t delivered)
// with their deliveries, and supplier A's Stripe configuration.
func demoSupplierA(s *Seed) {
	s.Suppliers = append(s.Suppliers, &SeedSupplier{ID: DemoSupplierAID, OrganisationID: DemoSupplierAOrgID,
		ShortDescription: strPtr("Direct air capture and enhanced weathering in Wyoming"),
		LongDescription:  strPtr("Demo Supplier A runs a direct air capture plant and an enhanced weathering programme."),
		Location:         demoLocation("USA", "United States", "Wyoming, United States", "41.1400", "-104.8202")})
	s.Projects = append(s.Projects,
		&SeedProject{ID: DemoProjectA1ID, SupplierID: DemoSupplierAID, Name: "Demo Project A1 - Direct Air Capture", Status: client.ProjectStatusValidated,
			ShortCode: "DEMOA1", URL: "https://registry.isometric.com/project/demo-a1", ProcessKey: "direct_air_capture",
			Pathway: client.PathwayDirectAirCapture, ProtocolSlug: "direct-air-capture", CountryCode: "USA",
			ValidatorName: strPtr("Demo Validation Services"), CurrentVerifierName: strPtr("Demo Verification LLC"),
			CreditingPeriodStart: strPtr("2024-01-01"), CreditingPeriodEnd: strPtr("2028-12-31"),
			Location: demoLocation("USA", "United States", "Wyoming, United States", "41.1400", "-104.8202"), CreatedAt: ts("2023-11-01T09:00:00Z")},
		&SeedProject{ID: DemoProjectA2ID, SupplierID: DemoSupplierAID, Name: "Demo Project A2 - Enhanced Weathering", Status: client.ProjectStatusValidated,
			ShortCode: "DEMOA2", URL: "https://registry.isometric.com/project/demo-a2", ProcessKey: "enhanced_weathering",
			Pathway: client.PathwayEnhancedWeathering, ProtocolSlug: "enhanced-weathering-agriculture", CountryCode: "USA",
			ValidatorName: strPtr("Demo Validation Services"), CurrentVerifierName: nil,
			CreditingPeriodStart: strPtr("2025-01-01"), CreditingPeriodEnd: nil,
			Location: nil, CreatedAt: ts("2024-10-01T09:00:00Z")})
	s.ProjectDocuments = append(s.ProjectDocuments,
		&SeedProjectDocument{ID: DemoDocumentID, ProjectID: DemoProjectA1ID, DisplayName: "Project Design Document", URL: "https://registry.isometric.com/documents/demo-a1-pdd.pdf"},
		&SeedProjectDocument{ID: DemoDocument2ID, ProjectID: DemoProjectA1ID, DisplayName: "Verification Report 2024", URL: "https://registry.isometric.com/documents/demo-a1-verification-2024.pdf"})
	s.Issuances = append(s.Issuances,
		&SeedIssuance{ID: DemoIssuanceA1ID, SupplierID: DemoSupplierAID, ProjectID: DemoProjectA1ID, IssuedAt: ts("2024-09-15T10:00:00Z"),
			ReportingPeriodStartAt: "2024-01-01", ReportingPeriodEndAt: "2024-06-30"},
		&SeedIssuance{ID: DemoIssuanceA2ID, SupplierID: DemoSupplierAID, ProjectID: DemoProjectA2ID, IssuedAt: ts("2025-06-10T10:00:00Z"),
			ReportingPeriodStartAt: "2025-01-01", ReportingPeriodEndAt: "2025-03-31"})
	s.Orders = append(s.Orders,
		&SeedOrder{ID: DemoOrderA1ID, SupplierID: DemoSupplierAID, BuyerOrganisationID: DemoBuyerOrgID, EffectiveContractDate: "2024-08-01",
			PlacedAt: ts("2024-08-01T09:00:00Z"), CreditsOrderedKg: 23500, Status: client.OrderStatusCompleted, FulfilledAt: tsPtr("2024-10-01T12:00:00Z")},
		&SeedOrder{ID: DemoOrderA2ID, SupplierID: DemoSupplierAID, BuyerOrganisationID: DemoBuyerOrgID, EffectiveContractDate: "2025-05-01",
			PlacedAt: ts("2025-05-01T09:00:00Z"), CreditsOrderedKg: 50000, Status: client.OrderStatusPlaced})
	s.Deliveries = append(s.Deliveries,
		&SeedDelivery{ID: DemoDeliveryA1ID, OrderID: DemoOrderA1ID, DeliveredAt: ts("2024-10-01T12:00:00Z"), Notes: strPtr("Order A1, complete"),
			CreditBatchIDs: []string{DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA1Retired, DemoBatchA1Partner}},
		&SeedDelivery{ID: DemoDeliveryA2ID, OrderID: DemoOrderA2ID, DeliveredAt: ts("2025-07-01T12:00:00Z"), Notes: strPtr("Order A2, first 10 t"),
			CreditBatchIDs: []string{DemoBatchA2Buyer1}})
	s.StripeConfigurations = append(s.StripeConfigurations, &SeedStripeConfiguration{ID: DemoStripeConfigID, SupplierID: DemoSupplierAID,
		AccountID: "acct_1DEMOSUPPLIERA01", CreditProductPricePerTonne: strPtr("350.00"), VerificationProductPricePerTonne: strPtr("25.00"),
		Currency: strPtr("usd"), IsometricTermsAndConditionsURL: "https://isometric.com/terms"})

	addDemoBatches(s, demoIssuance{DemoIssuanceA1ID, "ISO-1-DEMOA1-USA-0A01-2024", 10000000, "rmv_1DEMOREMOVALA1001", "2024-05-20", "USA"}, []demoBatch{
		{id: DemoBatchA1Buyer1, owner: DemoBuyerOrgID, kg: 5000, status: client.CreditBatchStatusActive, delivery: DemoDeliveryA1ID},
		{id: DemoBatchA1Buyer2, owner: DemoBuyerOrgID, kg: 12500, status: client.CreditBatchStatusActive, delivery: DemoDeliveryA1ID},
		{id: DemoBatchA1Retired, owner: DemoBuyerOrgID, kg: 2000, status: client.CreditBatchStatusRetired, delivery: DemoDeliveryA1ID, retirement: DemoRetirementID},
		{id: DemoBatchA1Partner, owner: DemoPartnerOrgID, kg: 4000, status: client.CreditBatchStatusActive, delivery: DemoDeliveryA1ID},
		{id: DemoBatchA1BufferPool, owner: DemoBufferPoolOrgID, kg: 1000, status: client.CreditBatchStatusActive, buffer: true},
	})
	addDemoBatches(s, demoIssuance{DemoIssuanceA2ID, "ISO-1-DEMOA2-USA-0A02-2025", 20000000, "rmv_1DEMOREMOVALA2001", "2025-03-15", "USA"}, []demoBatch{
		{id: DemoBatchA2Buyer1, owner: DemoBuyerOrgID, kg: 10000, status: client.CreditBatchStatusActive, delivery: DemoDeliveryA2ID},
		{id: DemoBatchA2Supplier1, owner: DemoSupplierAOrgID, kg: 30000, status: client.CreditBatchStatusActive},
		{id: DemoBatchA2Supplier2, owner: DemoSupplierAOrgID, kg: 25000, status: client.CreditBatchStatusActive},
	})
}

// demoSupplierB adds supplier B's world: the supplier (no Stripe configuration), project B1, its
// issuance and batches (among them a split one), and the buyer's completed order B1 with its
// delivery.
func demoSupplierB(s *Seed) {
	s.Suppliers = append(s.Suppliers, &SeedSupplier{ID: DemoSupplierBID, OrganisationID: DemoSupplierBOrgID,
		ShortDescription: strPtr("Biochar from forestry residues"), LongDescription: nil, Location: nil})
	s.Projects = append(s.Projects, &SeedProject{ID: DemoProjectB1ID, SupplierID: DemoSupplierBID, Name: "Demo Project B1 - Biochar",
		Status: client.ProjectStatusValidated, ShortCode: "DEMOB1", URL: "https://registry.isometric.com/project/demo-b1", ProcessKey: "biochar",
		Pathway: client.PathwayBiomassCarbonRemovalAndStorage, ProtocolSlug: "biochar", CountryCode: "CAN",
		ValidatorName: nil, CurrentVerifierName: nil, CreditingPeriodStart: nil, CreditingPeriodEnd: nil,
		Location: demoLocation("CAN", "Canada", "Alberta, Canada", "53.9333", "-116.5765"), CreatedAt: ts("2024-12-01T09:00:00Z")})
	s.Issuances = append(s.Issuances, &SeedIssuance{ID: DemoIssuanceB1ID, SupplierID: DemoSupplierBID, ProjectID: DemoProjectB1ID,
		IssuedAt: ts("2025-08-20T10:00:00Z"), ReportingPeriodStartAt: "2025-04-01", ReportingPeriodEndAt: "2025-06-30"})
	s.Orders = append(s.Orders, &SeedOrder{ID: DemoOrderB1ID, SupplierID: DemoSupplierBID, BuyerOrganisationID: DemoBuyerOrgID,
		EffectiveContractDate: "2025-08-01", PlacedAt: ts("2025-08-01T09:00:00Z"), CreditsOrderedKg: 30250,
		Status: client.OrderStatusCompleted, FulfilledAt: tsPtr("2025-09-01T12:00:00Z")})
	s.Deliveries = append(s.Deliveries, &SeedDelivery{ID: DemoDeliveryB1ID, OrderID: DemoOrderB1ID, DeliveredAt: ts("2025-09-01T12:00:00Z"),
		Notes: nil, CreditBatchIDs: []string{DemoBatchB1Buyer1, DemoBatchB1Buyer2, DemoBatchB1Split}})

	addDemoBatches(s, demoIssuance{DemoIssuanceB1ID, "ISO-1-DEMOB1-CAN-0B01-2025", 30000000, "rmv_1DEMOREMOVALB1001", "2025-06-01", "CAN"}, []demoBatch{
		{id: DemoBatchB1Buyer1, owner: DemoBuyerOrgID, kg: 20000, status: client.CreditBatchStatusActive, delivery: DemoDeliveryB1ID},
		{id: DemoBatchB1Buyer2, owner: DemoBuyerOrgID, kg: 7250, status: client.CreditBatchStatusActive, delivery: DemoDeliveryB1ID},
		{id: DemoBatchB1Split, owner: DemoBuyerOrgID, kg: 3000, status: client.CreditBatchStatusSplit, delivery: DemoDeliveryB1ID},
		{id: DemoBatchB1Supplier1, owner: DemoSupplierBOrgID, kg: 15000, status: client.CreditBatchStatusActive},
		{id: DemoBatchB1BufferPool, owner: DemoBufferPoolOrgID, kg: 1500, status: client.CreditBatchStatusActive, buffer: true},
		{id: DemoBatchB1Refunded, owner: DemoBuyerOrgID, kg: 500, status: client.CreditBatchStatusActive, buffer: true},
	})
	demoB1Split(s)
}

// demoB1Split adds the children of DemoBatchB1Split: left 1 000 kg retired (DemoRetirementB1ID),
// right 2 000 kg active, both the buyer's and keeping the parent's provenance, as a split does.
func demoB1Split(s *Seed) {
	parent := indexByID(s.CreditBatches)[DemoBatchB1Split]
	prefix, start, end, _ := parseSerial(parent.SerialNumber)
	child := func(id string, from, to int64, status client.CreditBatchStatus) *SeedCreditBatch {
		return &SeedCreditBatch{ID: id, IssuanceID: parent.IssuanceID, SerialNumber: fmt.Sprintf("%s-%d-%d", prefix, from, to),
			SizeKg: to - from, Status: status, OwnerOrganisationID: parent.OwnerOrganisationID, RemovalID: parent.RemovalID,
			SequesteredOn: parent.SequesteredOn, CountryOfIssue: parent.CountryOfIssue, CCPApproved: parent.CCPApproved,
			CarbonRemovalData: removalData(parent.SizeKg), ParentID: strPtr(parent.ID), DeliveryID: strPtr(*parent.DeliveryID)}
	}
	left := child(DemoBatchB1SplitLeft, start, start+1000, client.CreditBatchStatusRetired)
	left.RetirementID = strPtr(DemoRetirementB1ID)
	right := child(DemoBatchB1SplitRight, start+1000, end, client.CreditBatchStatusActive)
	parent.LeftChildID, parent.RightChildID = strPtr(left.ID), strPtr(right.ID)
	s.CreditBatches = append(s.CreditBatches, left, right)
}

// demoBuyerHistory adds the buyer's past transactions: its retirements (A1 for itself, B1's left
// split child for the beneficiary), its transfer to the partner, and the buffer pool's refund to it.
func demoBuyerHistory(s *Seed) {
	s.Retirements = append(s.Retirements,
		&SeedRetirement{ID: DemoRetirementID, OwnerOrganisationID: DemoBuyerOrgID, BeneficiaryOrganisationID: DemoBuyerOrgID, SupplierID: DemoSupplierAID,
			Purposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets}, Notes: strPtr("Retired for our 2024 climate targets"),
			RetiredAt: ts("2025-02-01T12:00:00Z"), CreditBatchIDs: []string{DemoBatchA1Retired}},
		&SeedRetirement{ID: DemoRetirementB1ID, OwnerOrganisationID: DemoBuyerOrgID, BeneficiaryOrganisationID: DemoBeneficiaryOrgID, SupplierID: DemoSupplierBID,
			Purposes: []client.RetirementPurpose{client.RetirementPurposePublicEnvironmentalClaims}, Notes: nil,
			RetiredAt: ts("2025-10-15T12:00:00Z"), CreditBatchIDs: []string{DemoBatchB1SplitLeft}})
	s.Transfers = append(s.Transfers, &SeedTransfer{ID: DemoTransferID, FromOrganisationID: DemoBuyerOrgID, ToOrganisationID: DemoPartnerOrgID,
		SupplierID: DemoSupplierAID, Notes: strPtr("Credits for our partner"), TransferredAt: ts("2025-01-10T12:00:00Z"),
		CreditBatchIDs: []string{DemoBatchA1Partner}})
	s.Refunds = append(s.Refunds, &SeedRefund{ID: DemoRefundID, FromBufferPoolOrganisationID: DemoBufferPoolOrgID, ToOrganisationID: DemoBuyerOrgID,
		Notes: "Buffer pool refund after a reversal review", RefundedAt: ts("2025-10-01T12:00:00Z"), CreditBatchIDs: []string{DemoBatchB1Refunded}})
}

// demoICR adds the ICR part: its token and three retirements, two of DemoICREntityID and one of
// DemoICROtherEntityID.
func demoICR(s *Seed) {
	s.ICR = &SeedICR{
		Token: DemoICRToken,
		Retirements: []*SeedICRRetirement{
			demoICRRetirement(DemoICRRetirementID, DemoICREntityID, "2025-07-26T02:28:17.207Z", "ICR-ISL-354-78040-14-R-0-2021", "2020", "1000", "Demo Geothermal Entity"),
			demoICRRetirement(DemoICRRetirement2ID, DemoICREntityID, "2025-09-01T10:00:00.000Z", "ICR-ISL-354-78041-14-R-0-2022", "2021", "250", "Demo Geothermal Entity"),
			demoICRRetirement(DemoICRRetirement3ID, DemoICROtherEntityID, "2025-08-15T08:30:00.000Z", "ICR-ISL-355-11200-03-R-0-2023", "2022", "40", "Another Demo Entity"),
		},
	}
}

func demoICRRetirement(id, entity, created, serial, vintage, amount, entityName string) *SeedICRRetirement {
	return &SeedICRRetirement{
		CreatedAt: created, ID: id, IsClaimed: true, Reason: "Voluntary offsetting", Comment: "Retired through the demo",
		Beneficiary: "Demo Buyer Ltd", OrganizationID: entity,
		OrganizationOwner: SeedICROrganizationOwner{FullName: entityName, Logo: "https://www.carbonregistry.com/static/demo-logo.png", ID: entity,
			PublicURL: "https://www.carbonregistry.com/explore/organizations/" + entity},
		Serialization: serial, Vintage: vintage, Amount: json.Number(amount),
		Project: SeedICRProject{ID: "47abd663-fb35-4b2e-ad08-c347e761649e", FullName: "Demo Geothermal Project",
			URL:       "https://api.carbonregistry.com/projects/47abd663-fb35-4b2e-ad08-c347e761649e",
			PublicURL: "https://carbonregistry.com/explore/projects/47abd663-fb35-4b2e-ad08-c347e761649e", Num: "713"},
	}
}

// demoIssuance is what the batches of one demo issuance share: the first serial number of their
// contiguous range, the removal, the sequestration date (its year is the vintage) and the country.
type demoIssuance struct {
	id, serialPrefix string
	serialStart      int64
	removal          string
	sequestered      string
	country          string
}

// demoBatch is one demo batch; delivery and retirement are "" when none.
type demoBatch struct {
	id, owner            string
	kg                   int64
	status               client.CreditBatchStatus
	delivery, retirement string
	buffer               bool
}

// addDemoBatches adds the batches of one issuance, with contiguous serial ranges in list order.
func addDemoBatches(s *Seed, is demoIssuance, batches []demoBatch) {
	start := is.serialStart
	for _, x := range batches {
		b := &SeedCreditBatch{
			ID: x.id, IssuanceID: is.id, SerialNumber: fmt.Sprintf("%s-%d-%d", is.serialPrefix, start, start+x.kg),
			SizeKg: x.kg, Status: x.status, OwnerOrganisationID: x.owner, BufferPool: x.buffer, RemovalID: is.removal,
			SequesteredOn: is.sequestered, CountryOfIssue: is.country, CCPApproved: is.country == "USA", CarbonRemovalData: removalData(x.kg),
		}
		if x.delivery != "" {
			b.DeliveryID = strPtr(x.delivery)
		}
		if x.retirement != "" {
			b.RetirementID = strPtr(x.retirement)
		}
		s.CreditBatches = append(s.CreditBatches, b)
		start += x.kg
	}
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func tsPtr(s string) *time.Time { t := ts(s); return &t }

func demoLocation(code, name, description, lat, lon string) *client.Location {
	return &client.Location{CountryCode: code, CountryName: name, Description: strPtr(description), Latitude: json.Number(lat), Longitude: json.Number(lon)}
}

// removalData is made-up carbon removal data for a batch of kg (net = kg).
func removalData(kg int64) *client.CarbonRemovalData {
	e, c, l := kg/10, kg/20, kg/50
	return &client.CarbonRemovalData{NetCarbonRemovedKg: kg, EmissionsKg: e, CounterfactualsKg: c, LossesKg: l, GrossCarbonRemovedKg: kg + e + c + l}
}
