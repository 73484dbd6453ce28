package localregistry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Seed is the whole world of a local registry: the initial content (a seed file) and, with
// Options.StatePath, the persisted current state (the state file has the same format).
// README.md documents every field. Slices hold pointers so that `[]*SeedX{{...}}` literals work.
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
	Token       string           `json:"token"`
	Retirements []*ICRRetirement `json:"retirements"`
}

// ICRRetirement is an ICR retirement certificate, in ICR's own (camelCase) shape.
type ICRRetirement struct {
	CreatedAt         string               `json:"createdAt"`
	ID                string               `json:"id"`
	IsClaimed         bool                 `json:"isClaimed"`
	Reason            string               `json:"reason"`
	Comment           string               `json:"comment"`
	Beneficiary       string               `json:"beneficiary"`
	OrganizationID    string               `json:"organizationId"`
	OrganizationOwner ICROrganizationOwner `json:"organizationOwner"`
	Serialization     string               `json:"serialization"`
	Vintage           string               `json:"vintage"`
	Amount            json.Number          `json:"amount"`
	Project           ICRProject           `json:"project"`
}

// ICROrganizationOwner is the owner block of an ICR retirement.
type ICROrganizationOwner struct {
	FullName  string `json:"fullName"`
	Logo      string `json:"logo"`
	ID        string `json:"id"`
	PublicURL string `json:"publicUrl"`
}

// ICRProject is the project block of an ICR retirement.
type ICRProject struct {
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
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Seed
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// Clone returns a deep copy of the seed.
func (s *Seed) Clone() *Seed {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	var c Seed
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	return &c
}

func validID(id, prefix string) bool {
	return strings.HasPrefix(id, prefix) && len(id) >= 20 && len(id) <= 37
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
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

// checkRecords reports null entries of one seed collection (named field) and checks each ID
// (seen: prefix, length, uniqueness); it returns the records indexed by ID.
func checkRecords[P seedRecord](items []P, field, kind, prefix string, bad func(string, ...any), seen func(kind, id, prefix string)) map[string]P {
	var null P
	for i, x := range items {
		if x == null {
			bad("%s[%d]: null", field, i)
			continue
		}
		seen(kind, x.seedID(), prefix)
	}
	return indexByID(items)
}

// Validate checks a seed for consistency: ID formats, dangling references, sizes, serial ranges,
// split trees, transaction records and order totals. Errors name the record and the field.
func (s *Seed) Validate() error {
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	if s.ClientSecret == "" {
		bad("client_secret: must not be empty")
	}
	ids := map[string]string{}
	seen := func(kind, id, prefix string) {
		if !validID(id, prefix) {
			bad("%s %q: id must start with %q and be 20-37 characters long", kind, id, prefix)
		}
		if prev, dup := ids[id]; dup {
			bad("%s %q: duplicate id (already used by a %s)", kind, id, prev)
		}
		ids[id] = kind
	}
	orgs := checkRecords(s.Organisations, "organisations", "organisation", "org_", bad, seen)
	for _, o := range s.Organisations {
		if o == nil {
			continue
		}
		if o.Name == "" {
			bad("organisation %s: name must not be empty", o.ID)
		}
		for _, b := range o.Beneficiaries {
			if orgs[b] == nil {
				bad("organisation %s: beneficiary %q is not an organisation of the seed", o.ID, b)
			}
		}
		for _, t := range o.Transferees {
			if orgs[t] == nil {
				bad("organisation %s: transferee %q is not an organisation of the seed", o.ID, t)
			}
		}
	}
	tokens := map[string]bool{}
	for i, t := range s.Tokens {
		if t == nil || t.Token == "" {
			bad("tokens[%d]: token must not be empty", i)
			continue
		}
		if tokens[t.Token] {
			bad("tokens[%d]: duplicate token", i)
		}
		tokens[t.Token] = true
		if orgs[t.OrganisationID] == nil {
			bad("tokens[%d]: organisation_id %q is not an organisation of the seed", i, t.OrganisationID)
		}
	}
	sups := checkRecords(s.Suppliers, "suppliers", "supplier", "spl_", bad, seen)
	supOrg := map[string]bool{}
	for _, sp := range s.Suppliers {
		if sp == nil {
			continue
		}
		if orgs[sp.OrganisationID] == nil {
			bad("supplier %s: organisation_id %q is not an organisation of the seed", sp.ID, sp.OrganisationID)
		}
		if supOrg[sp.OrganisationID] {
			bad("supplier %s: organisation %s already belongs to another supplier", sp.ID, sp.OrganisationID)
		}
		supOrg[sp.OrganisationID] = true
	}
	projects := checkRecords(s.Projects, "projects", "project", "prj_", bad, seen)
	for _, p := range s.Projects {
		if p == nil {
			continue
		}
		if sups[p.SupplierID] == nil {
			bad("project %s: supplier_id %q is not a supplier of the seed", p.ID, p.SupplierID)
		}
		if p.Name == "" || p.Status == "" || p.Pathway == "" {
			bad("project %s: name, status and pathway are required", p.ID)
		}
		for _, d := range []*string{p.CreditingPeriodStart, p.CreditingPeriodEnd} {
			if d != nil && !validDate(*d) {
				bad("project %s: crediting period date %q is not YYYY-MM-DD", p.ID, *d)
			}
		}
	}
	for i, d := range s.ProjectDocuments {
		if d == nil {
			bad("project_documents[%d]: null", i)
			continue
		}
		if len(d.ID) < 20 || len(d.ID) > 37 {
			bad("project document %q: id must be 20-37 characters long", d.ID)
		}
		if _, dup := ids[d.ID]; dup {
			bad("project document %q: duplicate id", d.ID)
		}
		ids[d.ID] = "project document"
		if projects[d.ProjectID] == nil {
			bad("project document %s: project_id %q is not a project of the seed", d.ID, d.ProjectID)
		}
	}
	issuances := checkRecords(s.Issuances, "issuances", "issuance", "iss_", bad, seen)
	for _, is := range s.Issuances {
		if is == nil {
			continue
		}
		if sups[is.SupplierID] == nil {
			bad("issuance %s: supplier_id %q is not a supplier of the seed", is.ID, is.SupplierID)
		}
		if p := projects[is.ProjectID]; p == nil {
			bad("issuance %s: project_id %q is not a project of the seed", is.ID, is.ProjectID)
		} else if p.SupplierID != is.SupplierID {
			bad("issuance %s: project %s belongs to supplier %s, not %s", is.ID, p.ID, p.SupplierID, is.SupplierID)
		}
		if is.IssuedAt.IsZero() {
			bad("issuance %s: issued_at is required", is.ID)
		}
		if !validDate(is.ReportingPeriodStartAt) || !validDate(is.ReportingPeriodEndAt) {
			bad("issuance %s: reporting_period_start_at/reporting_period_end_at must be YYYY-MM-DD", is.ID)
		}
	}
	batches := checkRecords(s.CreditBatches, "credit_batches", "credit batch", "ctb_", bad, seen)
	orders := checkRecords(s.Orders, "orders", "order", "ord_", bad, seen)
	deliveries := checkRecords(s.Deliveries, "deliveries", "delivery", "dlv_", bad, seen)
	retirements := checkRecords(s.Retirements, "retirements", "retirement", "ret_", bad, seen)
	checkRecords(s.Transfers, "transfers", "transfer", "tfr_", bad, seen)
	checkRecords(s.Refunds, "refunds", "refund", "bpr_", bad, seen)
	if len(errs) > 0 {
		return seedError(errs)
	}

	// Credit batches.
	for _, b := range s.CreditBatches {
		is := issuances[b.IssuanceID]
		if is == nil {
			bad("credit batch %s: issuance_id %q is not an issuance of the seed", b.ID, b.IssuanceID)
		}
		if orgs[b.OwnerOrganisationID] == nil {
			bad("credit batch %s: owner_organisation_id %q is not an organisation of the seed", b.ID, b.OwnerOrganisationID)
		}
		if b.SizeKg <= 0 {
			bad("credit batch %s: size_kg must be > 0, got %d", b.ID, b.SizeKg)
		}
		if _, start, end, ok := parseSerial(b.SerialNumber); !ok {
			bad("credit batch %s: serial_number %q must end in -START-END (END >= START)", b.ID, b.SerialNumber)
		} else if end-start != b.SizeKg {
			bad("credit batch %s: serial range %d-%d holds %d kg but size_kg is %d", b.ID, start, end, end-start, b.SizeKg)
		}
		if !validDate(b.SequesteredOn) {
			bad("credit batch %s: sequestered_on %q is not YYYY-MM-DD", b.ID, b.SequesteredOn)
		}
		if len(b.CountryOfIssue) != 3 {
			bad("credit batch %s: country_of_issue must be a 3-letter code", b.ID)
		}
		if b.RemovalID == "" || len(b.RemovalID) < 20 || len(b.RemovalID) > 37 {
			bad("credit batch %s: removal_id must be 20-37 characters long", b.ID)
		}
		switch b.Status {
		case client.CreditBatchStatusActive, client.CreditBatchStatusRetired, client.CreditBatchStatusSplit:
		default:
			bad("credit batch %s: status %q must be active, split or retired", b.ID, b.Status)
		}
		if (b.Status == client.CreditBatchStatusSplit) != (b.LeftChildID != nil && b.RightChildID != nil) {
			bad("credit batch %s: status split requires left_child_id and right_child_id (and only split batches have them)", b.ID)
		}
		if (b.Status == client.CreditBatchStatusRetired) != (b.RetirementID != nil) {
			bad("credit batch %s: retired batches (and only those) have a retirement_id", b.ID)
		}
		if b.RetirementID != nil {
			r := retirements[*b.RetirementID]
			if r == nil {
				bad("credit batch %s: retirement_id %q is not a retirement of the seed", b.ID, *b.RetirementID)
			} else if !slices.Contains(r.CreditBatchIDs, b.ID) {
				bad("credit batch %s: retirement %s does not list it in credit_batch_ids", b.ID, r.ID)
			} else if r.OwnerOrganisationID != b.OwnerOrganisationID {
				bad("credit batch %s: owned by %s but retired by %s", b.ID, b.OwnerOrganisationID, r.OwnerOrganisationID)
			}
		}
		if b.DeliveryID != nil && deliveries[*b.DeliveryID] == nil {
			bad("credit batch %s: delivery_id %q is not a delivery of the seed", b.ID, *b.DeliveryID)
		}
		if b.Status == client.CreditBatchStatusSplit && b.LeftChildID != nil && b.RightChildID != nil {
			l, r := batches[*b.LeftChildID], batches[*b.RightChildID]
			if l == nil || r == nil {
				bad("credit batch %s: child %s / %s is not a credit batch of the seed", b.ID, *b.LeftChildID, *b.RightChildID)
			} else {
				if l.ParentID == nil || *l.ParentID != b.ID || r.ParentID == nil || *r.ParentID != b.ID {
					bad("credit batch %s: children %s and %s must have parent_id %s", b.ID, l.ID, r.ID, b.ID)
				}
				if l.SizeKg+r.SizeKg != b.SizeKg {
					bad("credit batch %s: children sizes %d + %d do not add up to %d", b.ID, l.SizeKg, r.SizeKg, b.SizeKg)
				}
				if l.IssuanceID != b.IssuanceID || r.IssuanceID != b.IssuanceID {
					bad("credit batch %s: children must keep issuance %s", b.ID, b.IssuanceID)
				}
				pp, ps, pe, ok1 := parseSerial(b.SerialNumber)
				lp, ls, le, ok2 := parseSerial(l.SerialNumber)
				rp, rs, re, ok3 := parseSerial(r.SerialNumber)
				if ok1 && ok2 && ok3 && (lp != pp || rp != pp || ls != ps || le != rs || re != pe) {
					bad("credit batch %s: children serial ranges %s / %s must split %s", b.ID, l.SerialNumber, r.SerialNumber, b.SerialNumber)
				}
			}
		}
		if b.ParentID != nil {
			p := batches[*b.ParentID]
			if p == nil {
				bad("credit batch %s: parent_id %q is not a credit batch of the seed", b.ID, *b.ParentID)
			} else if (p.LeftChildID == nil || *p.LeftChildID != b.ID) && (p.RightChildID == nil || *p.RightChildID != b.ID) {
				bad("credit batch %s: parent %s does not name it as a child", b.ID, p.ID)
			}
		}
	}
	// Orders and deliveries.
	delivered := map[string]int64{}
	for _, d := range s.Deliveries {
		o := orders[d.OrderID]
		if o == nil {
			bad("delivery %s: order_id %q is not an order of the seed", d.ID, d.OrderID)
			continue
		}
		if d.DeliveredAt.IsZero() {
			bad("delivery %s: delivered_at is required", d.ID)
		}
		if len(d.CreditBatchIDs) == 0 {
			bad("delivery %s: credit_batch_ids must not be empty", d.ID)
		}
		for _, id := range d.CreditBatchIDs {
			b := batches[id]
			if b == nil {
				bad("delivery %s: credit batch %q is not a credit batch of the seed", d.ID, id)
				continue
			}
			if is := issuances[b.IssuanceID]; is != nil && is.SupplierID != o.SupplierID {
				bad("delivery %s: credit batch %s is from supplier %s, not the order's supplier %s", d.ID, id, is.SupplierID, o.SupplierID)
			}
			if b.DeliveryID == nil || *b.DeliveryID != d.ID {
				bad("delivery %s: credit batch %s must have delivery_id %s", d.ID, id, d.ID)
			}
			delivered[o.ID] += b.SizeKg
		}
	}
	for _, o := range s.Orders {
		if sups[o.SupplierID] == nil {
			bad("order %s: supplier_id %q is not a supplier of the seed", o.ID, o.SupplierID)
		}
		if orgs[o.BuyerOrganisationID] == nil {
			bad("order %s: buyer_organisation_id %q is not an organisation of the seed", o.ID, o.BuyerOrganisationID)
		}
		if !validDate(o.EffectiveContractDate) {
			bad("order %s: effective_contract_date %q is not YYYY-MM-DD", o.ID, o.EffectiveContractDate)
		}
		if o.CreditsOrderedKg <= 0 {
			bad("order %s: credits_ordered_kg must be > 0", o.ID)
		}
		d := delivered[o.ID]
		if d > o.CreditsOrderedKg {
			bad("order %s: %d kg delivered exceeds %d kg ordered", o.ID, d, o.CreditsOrderedKg)
		}
		switch o.Status {
		case client.OrderStatusCompleted:
			if d != o.CreditsOrderedKg || o.FulfilledAt == nil {
				bad("order %s: status completed requires all %d kg delivered (got %d) and fulfilled_at", o.ID, o.CreditsOrderedKg, d)
			}
		case client.OrderStatusPlaced, client.OrderStatusInProgress:
			if d == o.CreditsOrderedKg || o.FulfilledAt != nil {
				bad("order %s: status %s but fully delivered or fulfilled_at set", o.ID, o.Status)
			}
		default:
			bad("order %s: status %q must be placed, in_progress or completed", o.ID, o.Status)
		}
	}
	for _, b := range s.CreditBatches {
		if b.DeliveryID != nil && b.ParentID == nil {
			if d := deliveries[*b.DeliveryID]; d != nil && !slices.Contains(d.CreditBatchIDs, b.ID) {
				bad("credit batch %s: delivery %s does not list it in credit_batch_ids", b.ID, d.ID)
			}
		}
	}
	checkTx := func(kind, id string, batchIDs []string, supplierID string) {
		if len(batchIDs) == 0 {
			bad("%s %s: credit_batch_ids must not be empty", kind, id)
		}
		for _, bid := range batchIDs {
			b := batches[bid]
			if b == nil {
				bad("%s %s: credit batch %q is not a credit batch of the seed", kind, id, bid)
				continue
			}
			if supplierID != "" {
				if is := issuances[b.IssuanceID]; is != nil && is.SupplierID != supplierID {
					bad("%s %s: credit batch %s is from supplier %s, not %s", kind, id, bid, is.SupplierID, supplierID)
				}
			}
		}
	}
	for _, r := range s.Retirements {
		if orgs[r.OwnerOrganisationID] == nil || orgs[r.BeneficiaryOrganisationID] == nil {
			bad("retirement %s: owner/beneficiary must be organisations of the seed", r.ID)
		}
		if sups[r.SupplierID] == nil {
			bad("retirement %s: supplier_id %q is not a supplier of the seed", r.ID, r.SupplierID)
		}
		if len(r.Purposes) == 0 {
			bad("retirement %s: purposes must not be empty", r.ID)
		}
		checkTx("retirement", r.ID, r.CreditBatchIDs, r.SupplierID)
		for _, bid := range r.CreditBatchIDs {
			if b := batches[bid]; b != nil && (b.RetirementID == nil || *b.RetirementID != r.ID) {
				bad("retirement %s: credit batch %s must have retirement_id %s", r.ID, bid, r.ID)
			}
		}
	}
	for _, t := range s.Transfers {
		if orgs[t.FromOrganisationID] == nil || orgs[t.ToOrganisationID] == nil {
			bad("transfer %s: from/to must be organisations of the seed", t.ID)
		}
		if sups[t.SupplierID] == nil {
			bad("transfer %s: supplier_id %q is not a supplier of the seed", t.ID, t.SupplierID)
		}
		checkTx("transfer", t.ID, t.CreditBatchIDs, t.SupplierID)
	}
	for _, r := range s.Refunds {
		if orgs[r.FromBufferPoolOrganisationID] == nil || orgs[r.ToOrganisationID] == nil {
			bad("refund %s: from/to must be organisations of the seed", r.ID)
		}
		checkTx("refund", r.ID, r.CreditBatchIDs, "")
		for _, bid := range r.CreditBatchIDs {
			if b := batches[bid]; b != nil && !b.BufferPool {
				bad("refund %s: credit batch %s is not a buffer pool batch", r.ID, bid)
			}
		}
	}
	for i, c := range s.StripeConfigurations {
		if c == nil {
			bad("stripe_configurations[%d]: null", i)
			continue
		}
		if len(c.ID) < 20 || len(c.ID) > 37 {
			bad("stripe configuration %q: id must be 20-37 characters long", c.ID)
		}
		if sups[c.SupplierID] == nil {
			bad("stripe configuration %s: supplier_id %q is not a supplier of the seed", c.ID, c.SupplierID)
		}
	}
	if s.ICR != nil {
		seenICR := map[string]bool{}
		for i, r := range s.ICR.Retirements {
			if r == nil || r.ID == "" {
				bad("icr.retirements[%d]: id is required", i)
				continue
			}
			if seenICR[r.ID] {
				bad("icr retirement %s: duplicate id", r.ID)
			}
			seenICR[r.ID] = true
		}
	}
	if len(errs) > 0 {
		return seedError(errs)
	}
	return nil
}

func seedError(errs []string) error {
	sort.Strings(errs)
	if len(errs) > 20 {
		errs = append(errs[:20], fmt.Sprintf("... and %d more", len(errs)-20))
	}
	return errors.New("invalid seed:\n  " + strings.Join(errs, "\n  "))
}
