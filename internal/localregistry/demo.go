package localregistry

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func tsPtr(s string) *time.Time { t := ts(s); return &t }

func removalData(kg int64) *client.CarbonRemovalData {
	e, c, l := kg/10, kg/20, kg/50
	return &client.CarbonRemovalData{NetCarbonRemovedKg: kg, EmissionsKg: e, CounterfactualsKg: c, LossesKg: l, GrossCarbonRemovedKg: kg + e + c + l}
}

// DemoSeed builds the demo world described in demo_ids.go (a fresh copy on every call).
//
// Buyer (DemoBuyerOrgID) balance: active 57 250 kg (A1Buyer1 5 000 + A1Buyer2 12 500 + A2Buyer1 10 000 +
// B1Buyer1 20 000 + B1Buyer2 7 250 + B1SplitRight 2 000 + B1Refunded 500), retired 3 000 kg
// (A1Retired 2 000 + B1SplitLeft 1 000). Supplier A's organisation holds 55 000 kg undelivered
// (A2Supplier1 30 000 + A2Supplier2 25 000) against order A2's 40 000 kg remaining.
func DemoSeed() *Seed {
	domain := func(s string) *string { return &s }
	loc := func(code, name, lat, lon string) *client.Location {
		return &client.Location{CountryCode: code, CountryName: name, Latitude: json.Number(lat), Longitude: json.Number(lon)}
	}
	s := &Seed{
		ClientSecret: DemoClientSecret,
		Tokens: []*SeedToken{
			{Token: DemoBuyerToken, OrganisationID: DemoBuyerOrgID},
			{Token: DemoSupplierAToken, OrganisationID: DemoSupplierAOrgID},
			{Token: DemoSupplierBToken, OrganisationID: DemoSupplierBOrgID},
			{Token: DemoPartnerToken, OrganisationID: DemoPartnerOrgID},
		},
		Organisations: []*SeedOrganisation{
			{ID: DemoBuyerOrgID, Name: "Demo Buyer Ltd", Domain: domain("buyer.example.com"),
				Beneficiaries: []string{DemoBeneficiaryOrgID}, Transferees: []string{DemoPartnerOrgID}},
			{ID: DemoSupplierAOrgID, Name: "Demo Supplier A", Domain: domain("supplier-a.example.com")},
			{ID: DemoSupplierBOrgID, Name: "Demo Supplier B", Domain: domain("supplier-b.example.com")},
			{ID: DemoPartnerOrgID, Name: "Demo Partner Co", Domain: domain("partner.example.com"), Transferees: []string{DemoBuyerOrgID}},
			{ID: DemoBeneficiaryOrgID, Name: "Demo Beneficiary Foundation", Domain: domain("beneficiary.example.org")},
			{ID: DemoStrangerOrgID, Name: "Demo Stranger Inc", Domain: domain("stranger.example.com")},
			{ID: DemoBufferPoolOrgID, Name: "Isometric Buffer Pool", Domain: domain("isometric.com")},
		},
		Suppliers: []*SeedSupplier{
			{ID: DemoSupplierAID, OrganisationID: DemoSupplierAOrgID,
				ShortDescription: domain("Direct air capture and enhanced weathering in Wyoming"),
				LongDescription:  domain("Demo Supplier A runs a direct air capture plant and an enhanced weathering programme."),
				Location:         loc("USA", "United States", "41.1400", "-104.8202")},
			{ID: DemoSupplierBID, OrganisationID: DemoSupplierBOrgID,
				ShortDescription: domain("Biochar from forestry residues"),
				LongDescription:  nil,
				Location:         nil},
		},
		Projects: []*SeedProject{
			{ID: DemoProjectA1ID, SupplierID: DemoSupplierAID, Name: "Demo Project A1 - Direct Air Capture", Status: client.ProjectStatusValidated,
				ShortCode: "DEMOA1", URL: "https://registry.isometric.com/project/demo-a1", ProcessKey: "direct_air_capture",
				Pathway: client.PathwayDirectAirCapture, ProtocolSlug: "direct-air-capture", CountryCode: "USA",
				ValidatorName: domain("Demo Validation Services"), CurrentVerifierName: domain("Demo Verification LLC"),
				CreditingPeriodStart: domain("2024-01-01"), CreditingPeriodEnd: domain("2028-12-31"),
				Location: loc("USA", "United States", "41.1400", "-104.8202"), CreatedAt: ts("2023-11-01T09:00:00Z")},
			{ID: DemoProjectA2ID, SupplierID: DemoSupplierAID, Name: "Demo Project A2 - Enhanced Weathering", Status: client.ProjectStatusValidated,
				ShortCode: "DEMOA2", URL: "https://registry.isometric.com/project/demo-a2", ProcessKey: "enhanced_weathering",
				Pathway: client.PathwayEnhancedWeathering, ProtocolSlug: "enhanced-weathering-agriculture", CountryCode: "USA",
				ValidatorName: domain("Demo Validation Services"), CurrentVerifierName: nil,
				CreditingPeriodStart: domain("2025-01-01"), CreditingPeriodEnd: nil,
				Location: nil, CreatedAt: ts("2024-10-01T09:00:00Z")},
			{ID: DemoProjectB1ID, SupplierID: DemoSupplierBID, Name: "Demo Project B1 - Biochar", Status: client.ProjectStatusValidated,
				ShortCode: "DEMOB1", URL: "https://registry.isometric.com/project/demo-b1", ProcessKey: "biochar",
				Pathway: client.PathwayBiomassCarbonRemovalAndStorage, ProtocolSlug: "biochar", CountryCode: "CAN",
				ValidatorName: nil, CurrentVerifierName: nil, CreditingPeriodStart: nil, CreditingPeriodEnd: nil,
				Location: loc("CAN", "Canada", "53.9333", "-116.5765"), CreatedAt: ts("2024-12-01T09:00:00Z")},
		},
		ProjectDocuments: []*SeedProjectDocument{
			{ID: DemoDocumentID, ProjectID: DemoProjectA1ID, DisplayName: "Project Design Document", URL: "https://registry.isometric.com/documents/demo-a1-pdd.pdf"},
			{ID: DemoDocument2ID, ProjectID: DemoProjectA1ID, DisplayName: "Verification Report 2024", URL: "https://registry.isometric.com/documents/demo-a1-verification-2024.pdf"},
		},
		Issuances: []*SeedIssuance{
			{ID: DemoIssuanceA1ID, SupplierID: DemoSupplierAID, ProjectID: DemoProjectA1ID, IssuedAt: ts("2024-09-15T10:00:00Z"),
				ReportingPeriodStartAt: "2024-01-01", ReportingPeriodEndAt: "2024-06-30"},
			{ID: DemoIssuanceA2ID, SupplierID: DemoSupplierAID, ProjectID: DemoProjectA2ID, IssuedAt: ts("2025-06-10T10:00:00Z"),
				ReportingPeriodStartAt: "2025-01-01", ReportingPeriodEndAt: "2025-03-31"},
			{ID: DemoIssuanceB1ID, SupplierID: DemoSupplierBID, ProjectID: DemoProjectB1ID, IssuedAt: ts("2025-08-20T10:00:00Z"),
				ReportingPeriodStartAt: "2025-04-01", ReportingPeriodEndAt: "2025-06-30"},
		},
		Orders: []*SeedOrder{
			{ID: DemoOrderA1ID, SupplierID: DemoSupplierAID, BuyerOrganisationID: DemoBuyerOrgID, EffectiveContractDate: "2024-08-01",
				PlacedAt: ts("2024-08-01T09:00:00Z"), CreditsOrderedKg: 23500, Status: client.OrderStatusCompleted, FulfilledAt: tsPtr("2024-10-01T12:00:00Z")},
			{ID: DemoOrderA2ID, SupplierID: DemoSupplierAID, BuyerOrganisationID: DemoBuyerOrgID, EffectiveContractDate: "2025-05-01",
				PlacedAt: ts("2025-05-01T09:00:00Z"), CreditsOrderedKg: 50000, Status: client.OrderStatusPlaced},
			{ID: DemoOrderB1ID, SupplierID: DemoSupplierBID, BuyerOrganisationID: DemoBuyerOrgID, EffectiveContractDate: "2025-08-01",
				PlacedAt: ts("2025-08-01T09:00:00Z"), CreditsOrderedKg: 30250, Status: client.OrderStatusCompleted, FulfilledAt: tsPtr("2025-09-01T12:00:00Z")},
		},
		Deliveries: []*SeedDelivery{
			{ID: DemoDeliveryA1ID, OrderID: DemoOrderA1ID, DeliveredAt: ts("2024-10-01T12:00:00Z"), Notes: domain("Order A1, complete"),
				CreditBatchIDs: []string{DemoBatchA1Buyer1, DemoBatchA1Buyer2, DemoBatchA1Retired, DemoBatchA1Partner}},
			{ID: DemoDeliveryA2ID, OrderID: DemoOrderA2ID, DeliveredAt: ts("2025-07-01T12:00:00Z"), Notes: domain("Order A2, first 10 t"),
				CreditBatchIDs: []string{DemoBatchA2Buyer1}},
			{ID: DemoDeliveryB1ID, OrderID: DemoOrderB1ID, DeliveredAt: ts("2025-09-01T12:00:00Z"), Notes: nil,
				CreditBatchIDs: []string{DemoBatchB1Buyer1, DemoBatchB1Buyer2, DemoBatchB1Split}},
		},
		Retirements: []*SeedRetirement{
			{ID: DemoRetirementID, OwnerOrganisationID: DemoBuyerOrgID, BeneficiaryOrganisationID: DemoBuyerOrgID, SupplierID: DemoSupplierAID,
				Purposes: []client.RetirementPurpose{client.RetirementPurposeCorporateTargets}, Notes: domain("Retired for our 2024 climate targets"),
				RetiredAt: ts("2025-02-01T12:00:00Z"), CreditBatchIDs: []string{DemoBatchA1Retired}},
			{ID: DemoRetirementB1ID, OwnerOrganisationID: DemoBuyerOrgID, BeneficiaryOrganisationID: DemoBeneficiaryOrgID, SupplierID: DemoSupplierBID,
				Purposes: []client.RetirementPurpose{client.RetirementPurposePublicEnvironmentalClaims}, Notes: nil,
				RetiredAt: ts("2025-10-15T12:00:00Z"), CreditBatchIDs: []string{DemoBatchB1SplitLeft}},
		},
		Transfers: []*SeedTransfer{
			{ID: DemoTransferID, FromOrganisationID: DemoBuyerOrgID, ToOrganisationID: DemoPartnerOrgID, SupplierID: DemoSupplierAID,
				Notes: domain("Credits for our partner"), TransferredAt: ts("2025-01-10T12:00:00Z"), CreditBatchIDs: []string{DemoBatchA1Partner}},
		},
		Refunds: []*SeedRefund{
			{ID: DemoRefundID, FromBufferPoolOrganisationID: DemoBufferPoolOrgID, ToOrganisationID: DemoBuyerOrgID,
				Notes: "Buffer pool refund after a reversal review", RefundedAt: ts("2025-10-01T12:00:00Z"), CreditBatchIDs: []string{DemoBatchB1Refunded}},
		},
		StripeConfigurations: []*SeedStripeConfiguration{
			{ID: DemoStripeConfigID, SupplierID: DemoSupplierAID, AccountID: "acct_1DEMOSUPPLIERA01",
				CreditProductPricePerTonne: domain("350.00"), VerificationProductPricePerTonne: domain("25.00"), Currency: domain("usd"),
				IsometricTermsAndConditionsURL: "https://isometric.com/terms"},
		},
		ICR: &SeedICR{
			Token: DemoICRToken,
			Retirements: []*ICRRetirement{
				icrRetirement(DemoICRRetirementID, DemoICREntityID, "2025-07-26T02:28:17.207Z", "ICR-ISL-354-78040-14-R-0-2021", "2020", "1000", "Demo Geothermal Entity"),
				icrRetirement(DemoICRRetirement2ID, DemoICREntityID, "2025-09-01T10:00:00.000Z", "ICR-ISL-354-78041-14-R-0-2022", "2021", "250", "Demo Geothermal Entity"),
				icrRetirement(DemoICRRetirement3ID, DemoICROtherEntityID, "2025-08-15T08:30:00.000Z", "ICR-ISL-355-11200-03-R-0-2023", "2022", "40", "Another Demo Entity"),
			},
		},
	}

	// Credit batches: contiguous serial ranges per issuance.
	type spec struct {
		id, owner string
		kg        int64
		status    client.CreditBatchStatus
		delivery  string
		buffer    bool
	}
	add := func(issuance, serialPrefix string, start int64, removal, sequestered, country string, specs []spec) {
		for _, x := range specs {
			b := &SeedCreditBatch{
				ID: x.id, IssuanceID: issuance, SerialNumber: fmt.Sprintf("%s-%d-%d", serialPrefix, start, start+x.kg),
				SizeKg: x.kg, Status: x.status, OwnerOrganisationID: x.owner, BufferPool: x.buffer, RemovalID: removal,
				SequesteredOn: sequestered, CountryOfIssue: country, CCPApproved: country == "USA", CarbonRemovalData: removalData(x.kg),
			}
			if x.delivery != "" {
				d := x.delivery
				b.DeliveryID = &d
			}
			s.CreditBatches = append(s.CreditBatches, b)
			start += x.kg
		}
	}
	active, retired, split := client.CreditBatchStatusActive, client.CreditBatchStatusRetired, client.CreditBatchStatusSplit
	add(DemoIssuanceA1ID, "ISO-1-DEMOA1-USA-0A01-2024", 10000000, "rmv_1DEMOREMOVALA1001", "2024-05-20", "USA", []spec{
		{DemoBatchA1Buyer1, DemoBuyerOrgID, 5000, active, DemoDeliveryA1ID, false},
		{DemoBatchA1Buyer2, DemoBuyerOrgID, 12500, active, DemoDeliveryA1ID, false},
		{DemoBatchA1Retired, DemoBuyerOrgID, 2000, retired, DemoDeliveryA1ID, false},
		{DemoBatchA1Partner, DemoPartnerOrgID, 4000, active, DemoDeliveryA1ID, false},
		{DemoBatchA1BufferPool, DemoBufferPoolOrgID, 1000, active, "", true},
	})
	add(DemoIssuanceA2ID, "ISO-1-DEMOA2-USA-0A02-2025", 20000000, "rmv_1DEMOREMOVALA2001", "2025-03-15", "USA", []spec{
		{DemoBatchA2Buyer1, DemoBuyerOrgID, 10000, active, DemoDeliveryA2ID, false},
		{DemoBatchA2Supplier1, DemoSupplierAOrgID, 30000, active, "", false},
		{DemoBatchA2Supplier2, DemoSupplierAOrgID, 25000, active, "", false},
	})
	add(DemoIssuanceB1ID, "ISO-1-DEMOB1-CAN-0B01-2025", 30000000, "rmv_1DEMOREMOVALB1001", "2025-06-01", "CAN", []spec{
		{DemoBatchB1Buyer1, DemoBuyerOrgID, 20000, active, DemoDeliveryB1ID, false},
		{DemoBatchB1Buyer2, DemoBuyerOrgID, 7250, active, DemoDeliveryB1ID, false},
		{DemoBatchB1Split, DemoBuyerOrgID, 3000, split, DemoDeliveryB1ID, false},
		{DemoBatchB1Supplier1, DemoSupplierBOrgID, 15000, active, "", false},
		{DemoBatchB1BufferPool, DemoBufferPoolOrgID, 1500, active, "", true},
		{DemoBatchB1Refunded, DemoBuyerOrgID, 500, active, "", true},
	})
	// The split of DemoBatchB1Split: left 1 000 kg retired (DemoRetirementB1ID), right 2 000 kg active.
	byID := indexByID(s.CreditBatches)
	parent := byID[DemoBatchB1Split]
	prefix, start, end, _ := parseSerial(parent.SerialNumber)
	parentID, leftID, rightID, retID, dlvID := DemoBatchB1Split, DemoBatchB1SplitLeft, DemoBatchB1SplitRight, DemoRetirementB1ID, DemoDeliveryB1ID
	parent.LeftChildID, parent.RightChildID = &leftID, &rightID
	left := &SeedCreditBatch{ID: leftID, IssuanceID: DemoIssuanceB1ID, SerialNumber: fmt.Sprintf("%s-%d-%d", prefix, start, start+1000),
		SizeKg: 1000, Status: retired, OwnerOrganisationID: DemoBuyerOrgID, RemovalID: parent.RemovalID, SequesteredOn: parent.SequesteredOn,
		CountryOfIssue: parent.CountryOfIssue, CCPApproved: parent.CCPApproved, CarbonRemovalData: removalData(3000),
		ParentID: &parentID, DeliveryID: &dlvID, RetirementID: &retID}
	right := &SeedCreditBatch{ID: rightID, IssuanceID: DemoIssuanceB1ID, SerialNumber: fmt.Sprintf("%s-%d-%d", prefix, start+1000, end),
		SizeKg: 2000, Status: active, OwnerOrganisationID: DemoBuyerOrgID, RemovalID: parent.RemovalID, SequesteredOn: parent.SequesteredOn,
		CountryOfIssue: parent.CountryOfIssue, CCPApproved: parent.CCPApproved, CarbonRemovalData: removalData(3000),
		ParentID: &parentID, DeliveryID: &dlvID}
	s.CreditBatches = append(s.CreditBatches, left, right)
	retiredA1 := DemoRetirementID
	byID[DemoBatchA1Retired].RetirementID = &retiredA1
	return s
}

func icrRetirement(id, entity, created, serial, vintage, amount, entityName string) *ICRRetirement {
	return &ICRRetirement{
		CreatedAt: created, ID: id, IsClaimed: true, Reason: "Voluntary offsetting", Comment: "Retired through the demo",
		Beneficiary: "Demo Buyer Ltd", OrganizationID: entity,
		OrganizationOwner: ICROrganizationOwner{FullName: entityName, Logo: "https://www.carbonregistry.com/static/demo-logo.png", ID: entity,
			PublicURL: "https://www.carbonregistry.com/explore/organizations/" + entity},
		Serialization: serial, Vintage: vintage, Amount: json.Number(amount),
		Project: ICRProject{ID: "47abd663-fb35-4b2e-ad08-c347e761649e", FullName: "Demo Geothermal Project",
			URL:       "https://api.carbonregistry.com/projects/47abd663-fb35-4b2e-ad08-c347e761649e",
			PublicURL: "https://carbonregistry.com/explore/projects/47abd663-fb35-4b2e-ad08-c347e761649e", Num: "713"},
	}
}
