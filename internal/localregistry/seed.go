package localregistry

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Seed is the whole world of a local registry: the initial content (a seed file) and, with
// Options.StatePath, the persisted current state (the state file has the same format).
// README.md documents every field. Slices hold pointers so that `[]*SeedX{{...}}` literals work.
//
// The Seed* types are the registry's own: the answers are built from them as internal/client's
// types (views.go). Fields whose shape is the same in both (client.Location,
// client.CarbonRemovalData and the enums) use the client's type.
type Seed struct {
	// ClientSecret is the value every request must send in X-Client-Secret.
	ClientSecret string `json:"client_secret"`
	// Tokens maps bearer tokens to the organisation they act as.
	Tokens               []*SeedToken               `json:"tokens"`
	Organisations        []*SeedOrganisation        `json:"organisations"`
	Suppliers            []*SeedSupplier            `json:"suppliers"`
	Projects             []*SeedProject             `json:"projects"`
	ProjectDocuments     []*SeedProjectDocument     `json:"project_documents"`
	Issuances            []*SeedIssuance            `json:"issuances"`
	CreditBatches        []*SeedCreditBatch         `json:"credit_batches"`
	Orders               []*SeedOrder               `json:"orders"`
	Deliveries           []*SeedDelivery            `json:"deliveries"`
	Retirements          []*SeedRetirement          `json:"retirements"`
	Transfers            []*SeedTransfer            `json:"transfers"`
	Refunds              []*SeedRefund              `json:"refunds"`
	StripeConfigurations []*SeedStripeConfiguration `json:"stripe_configurations"`
	ICR                  *SeedICR                   `json:"icr,omitempty"`
}

// SeedToken is one bearer token and the organisation it acts as.
type SeedToken struct {
	Token          string `json:"token"`
	OrganisationID string `json:"organisation_id"`
}

// SeedOrganisation is an organisation (buyers, suppliers' organisations, beneficiaries, buffer pools).
type SeedOrganisation struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Domain *string `json:"domain"`
	// Email is set for individual beneficiaries (never exposed by the API).
	Email *string `json:"email,omitempty"`
	// Beneficiaries: organisations this one may retire on behalf of (GET /beneficiaries), in order.
	Beneficiaries []string `json:"beneficiaries,omitempty"`
	// Transferees: organisations this one may transfer credits to (GET /transferees), in order.
	Transferees []string `json:"transferees,omitempty"`
}

// SeedSupplier is a supplier; OrganisationID is its own organisation (the one its token acts as).
type SeedSupplier struct {
	ID               string           `json:"id"`
	OrganisationID   string           `json:"organisation_id"`
	ShortDescription *string          `json:"short_description"`
	LongDescription  *string          `json:"long_description"`
	Location         *client.Location `json:"location"`
}

// SeedProject is a project of a supplier. Credit totals are computed from the batches.
type SeedProject struct {
	ID                   string               `json:"id"`
	SupplierID           string               `json:"supplier_id"`
	Name                 string               `json:"name"`
	Status               client.ProjectStatus `json:"status"`
	ShortCode            string               `json:"short_code"`
	URL                  string               `json:"url"`
	ProcessKey           string               `json:"process_key"`
	Pathway              client.Pathway       `json:"pathway"`
	ProtocolSlug         string               `json:"protocol_slug"`
	CountryCode          string               `json:"country_code"`
	ValidatorName        *string              `json:"validator_name"`
	CurrentVerifierName  *string              `json:"current_verifier_name"`
	CreditingPeriodStart *string              `json:"crediting_period_start"`
	CreditingPeriodEnd   *string              `json:"crediting_period_end"`
	Location             *client.Location     `json:"location"`
	CreatedAt            time.Time            `json:"created_at"`
}

// SeedProjectDocument is a document of a project.
type SeedProjectDocument struct {
	ID          string `json:"id"`
	ProjectID   string `json:"project_id"`
	DisplayName string `json:"display_name"`
	URL         string `json:"url"`
}

// SeedIssuance is an issuance; its batches give supplier, project and issued_at to every batch.
type SeedIssuance struct {
	ID                     string    `json:"id"`
	SupplierID             string    `json:"supplier_id"`
	ProjectID              string    `json:"project_id"`
	IssuedAt               time.Time `json:"issued_at"`
	ReportingPeriodStartAt string    `json:"reporting_period_start_at"`
	ReportingPeriodEndAt   string    `json:"reporting_period_end_at"`
}

// SeedCreditBatch is a credit batch. supplier_id, project_id and issued_at come from the issuance;
// delivered_at from the delivery; retired_at and beneficiary from the retirement.
type SeedCreditBatch struct {
	ID                  string                    `json:"id"`
	IssuanceID          string                    `json:"issuance_id"`
	SerialNumber        string                    `json:"serial_number"`
	SizeKg              int64                     `json:"size_kg"`
	Status              client.CreditBatchStatus  `json:"status"`
	OwnerOrganisationID string                    `json:"owner_organisation_id"`
	BufferPool          bool                      `json:"buffer_pool,omitempty"`
	RemovalID           string                    `json:"removal_id"`
	SequesteredOn       string                    `json:"sequestered_on"`
	CountryOfIssue      string                    `json:"country_of_issue"`
	CCPApproved         bool                      `json:"ccp_approved"`
	CarbonRemovalData   *client.CarbonRemovalData `json:"carbon_removal_data"`
	ParentID            *string                   `json:"parent_id"`
	LeftChildID         *string                   `json:"left_child_id"`
	RightChildID        *string                   `json:"right_child_id"`
	DeliveryID          *string                   `json:"delivery_id"`
	RetirementID        *string                   `json:"retirement_id"`

	key *batchKey // its place in the oldest-first order, once the registry computed it (not copied by Clone)
}

// SeedOrder is an order of a buyer from a supplier. credits_delivered is computed from the deliveries.
type SeedOrder struct {
	ID                    string             `json:"id"`
	SupplierID            string             `json:"supplier_id"`
	BuyerOrganisationID   string             `json:"buyer_organisation_id"`
	EffectiveContractDate string             `json:"effective_contract_date"`
	PlacedAt              time.Time          `json:"placed_at"`
	CreditsOrderedKg      int64              `json:"credits_ordered_kg"`
	Status                client.OrderStatus `json:"status"`
	FulfilledAt           *time.Time         `json:"fulfilled_at"`
}

// SeedDelivery is a delivery against an order: supplier = order's supplier, recipient = order's buyer.
// CreditBatchIDs are the batches delivered (after splitting), in request order.
type SeedDelivery struct {
	ID             string    `json:"id"`
	OrderID        string    `json:"order_id"`
	DeliveredAt    time.Time `json:"delivered_at"`
	Notes          *string   `json:"notes"`
	CreditBatchIDs []string  `json:"credit_batch_ids"`
}

// SeedRetirement is a retirement; CreditBatchIDs are the retired batches.
type SeedRetirement struct {
	ID                        string                     `json:"id"`
	OwnerOrganisationID       string                     `json:"owner_organisation_id"`
	BeneficiaryOrganisationID string                     `json:"beneficiary_organisation_id"`
	SupplierID                string                     `json:"supplier_id"`
	Purposes                  []client.RetirementPurpose `json:"purposes"`
	Notes                     *string                    `json:"notes"`
	RetiredAt                 time.Time                  `json:"retired_at"`
	CreditBatchIDs            []string                   `json:"credit_batch_ids"`
}

// SeedTransfer is a transfer; CreditBatchIDs are the transferred batches.
type SeedTransfer struct {
	ID                 string    `json:"id"`
	FromOrganisationID string    `json:"from_organisation_id"`
	ToOrganisationID   string    `json:"to_organisation_id"`
	SupplierID         string    `json:"supplier_id"`
	Notes              *string   `json:"notes"`
	TransferredAt      time.Time `json:"transferred_at"`
	CreditBatchIDs     []string  `json:"credit_batch_ids"`
}

// SeedRefund is a buffer pool refund; CreditBatchIDs are the refunded (buffer pool) batches.
type SeedRefund struct {
	ID                           string    `json:"id"`
	FromBufferPoolOrganisationID string    `json:"from_buffer_pool_organisation_id"`
	ToOrganisationID             string    `json:"to_organisation_id"`
	Notes                        string    `json:"notes"`
	RefundedAt                   time.Time `json:"refunded_at"`
	CreditBatchIDs               []string  `json:"credit_batch_ids"`
}

// SeedStripeConfiguration is a supplier's Stripe Connect configuration.
type SeedStripeConfiguration struct {
	ID                               string  `json:"id"`
	SupplierID                       string  `json:"supplier_id"`
	AccountID                        string  `json:"account_id"`
	CreditProductPricePerTonne       *string `json:"credit_product_price_per_tonne"`
	VerificationProductPricePerTonne *string `json:"verification_product_price_per_tonne"`
	Currency                         *string `json:"currency"`
	IsometricTermsAndConditionsURL   string  `json:"isometric_terms_and_conditions_url"`
}

// SeedICR is the International Carbon Registry part: its bearer token and retirements.
type SeedICR struct {
	Token       string               `json:"token"`
	Retirements []*SeedICRRetirement `json:"retirements"`
}

// SeedICRRetirement is an ICR retirement certificate, in the ICR's own (camelCase) field names. The
// ICR endpoints answer it field for field as client.ICRRetirement.
type SeedICRRetirement struct {
	CreatedAt         string                   `json:"createdAt"`
	ID                string                   `json:"id"`
	IsClaimed         bool                     `json:"isClaimed"`
	Reason            string                   `json:"reason"`
	Comment           string                   `json:"comment"`
	Beneficiary       string                   `json:"beneficiary"`
	OrganizationID    string                   `json:"organizationId"`
	OrganizationOwner SeedICROrganizationOwner `json:"organizationOwner"`
	Serialization     string                   `json:"serialization"`
	Vintage           string                   `json:"vintage"`
	Amount            json.Number              `json:"amount"`
	Project           SeedICRProject           `json:"project"`
}

// ICRRetirement is another name of SeedICRRetirement, the type of the seed's ICR records.
type ICRRetirement = SeedICRRetirement

// SeedICROrganizationOwner is the owner block of an ICR retirement.
type SeedICROrganizationOwner struct {
	FullName  string `json:"fullName"`
	Logo      string `json:"logo"`
	ID        string `json:"id"`
	PublicURL string `json:"publicUrl"`
}

// SeedICRProject is the project block of an ICR retirement.
type SeedICRProject struct {
	ID        string `json:"id"`
	FullName  string `json:"fullName"`
	URL       string `json:"url"`
	PublicURL string `json:"publicUrl"`
	Num       string `json:"num"`
}

// LoadSeedFile reads and validates a seed (or state) file.
func LoadSeedFile(path string) (*Seed, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read seed file: %w", err)
	}
	s, err := parseSeed(b)
	if err != nil {
		return nil, fmt.Errorf("seed file %s: %w", path, err)
	}
	return s, nil
}

func parseSeed(b []byte) (*Seed, error) {
	s, err := decodeSeed(b)
	if err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// parseSerial splits "PREFIX-START-END" into its parts.
func parseSerial(s string) (prefix string, start, end int64, ok bool) {
	i := strings.LastIndex(s, "-")
	if i <= 0 {
		return "", 0, 0, false
	}
	j := strings.LastIndex(s[:i], "-")
	if j <= 0 {
		return "", 0, 0, false
	}
	a, err1 := strconv.ParseInt(s[j+1:i], 10, 64)
	b, err2 := strconv.ParseInt(s[i+1:], 10, 64)
	if err1 != nil || err2 != nil || a < 0 || b < a {
		return "", 0, 0, false
	}
	return s[:j], a, b, true
}

// seedRecord is a seed record with an ID (a pointer to one of the Seed* record types).
type seedRecord interface {
	comparable
	seedID() string
}

func (x *SeedOrganisation) seedID() string { return x.ID }
func (x *SeedSupplier) seedID() string     { return x.ID }
func (x *SeedProject) seedID() string      { return x.ID }
func (x *SeedIssuance) seedID() string     { return x.ID }
func (x *SeedCreditBatch) seedID() string  { return x.ID }
func (x *SeedOrder) seedID() string        { return x.ID }
func (x *SeedDelivery) seedID() string     { return x.ID }
func (x *SeedRetirement) seedID() string   { return x.ID }
func (x *SeedTransfer) seedID() string     { return x.ID }
func (x *SeedRefund) seedID() string       { return x.ID }

// txRecord is a transaction record (delivery, retirement, transfer, refund); it lists its credit
// batches.
type txRecord interface {
	batchIDs() []string
}

func (x *SeedDelivery) batchIDs() []string   { return x.CreditBatchIDs }
func (x *SeedRetirement) batchIDs() []string { return x.CreditBatchIDs }
func (x *SeedTransfer) batchIDs() []string   { return x.CreditBatchIDs }
func (x *SeedRefund) batchIDs() []string     { return x.CreditBatchIDs }

// indexByID maps records by ID, skipping null entries.
func indexByID[P seedRecord](items []P) map[string]P {
	m := make(map[string]P, len(items))
	var null P
	for _, x := range items {
		if x != null {
			m[x.seedID()] = x
		}
	}
	return m
}

// seedIndex is the records of a seed indexed by ID.
type seedIndex struct {
	orgs        map[string]*SeedOrganisation
	suppliers   map[string]*SeedSupplier
	projects    map[string]*SeedProject
	issuances   map[string]*SeedIssuance
	batches     map[string]*SeedCreditBatch
	orders      map[string]*SeedOrder
	deliveries  map[string]*SeedDelivery
	retirements map[string]*SeedRetirement
	transfers   map[string]*SeedTransfer
	refunds     map[string]*SeedRefund
}

// indexSeed indexes the records of s by ID.
func indexSeed(s *Seed) seedIndex {
	return seedIndex{
		orgs:        indexByID(s.Organisations),
		suppliers:   indexByID(s.Suppliers),
		projects:    indexByID(s.Projects),
		issuances:   indexByID(s.Issuances),
		batches:     indexByID(s.CreditBatches),
		orders:      indexByID(s.Orders),
		deliveries:  indexByID(s.Deliveries),
		retirements: indexByID(s.Retirements),
		transfers:   indexByID(s.Transfers),
		refunds:     indexByID(s.Refunds),
	}
}

// has reports whether a record of the index has that ID.
func (x *seedIndex) has(id string) bool {
	return x.orgs[id] != nil || x.suppliers[id] != nil || x.projects[id] != nil || x.issuances[id] != nil ||
		x.batches[id] != nil || x.orders[id] != nil || x.deliveries[id] != nil || x.retirements[id] != nil ||
		x.transfers[id] != nil || x.refunds[id] != nil
}
