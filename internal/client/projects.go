package client

import "context"

// Project mirrors the spec schema Project.
type Project struct {
	// A three letter ISO 3166-1 alpha-3 code representing a country
	CountryCode string `json:"country_code"`
	// CreditingPeriodEnd is the `crediting_period_end` field.
	CreditingPeriodEnd *string `json:"crediting_period_end"`
	// CreditingPeriodStart is the `crediting_period_start` field.
	CreditingPeriodStart *string `json:"crediting_period_start"`
	// The name of the organization currently responsible for verifying this project, if assigned
	CurrentVerifierName *string `json:"current_verifier_name"`
	// ID is the `id` field.
	ID string `json:"id"`
	// The total number of credits from this project that have been allocated to the supplier's buffer pool
	IssuedBufferPoolCreditsTotal CreditQuantity `json:"issued_buffer_pool_credits_total"`
	// The total number of credits Isometric has issued to this project, including those allocated to the buffer pool
	IssuedCreditsTotal CreditQuantity `json:"issued_credits_total"`
	// Location is the `location` field.
	Location *Location `json:"location"`
	// Name is the `name` field.
	Name string `json:"name"`
	// The pathway this project is following
	Pathway Pathway `json:"pathway"`
	// The carbon removal process used in this project
	ProcessKey string `json:"process_key"`
	// The slug of the protocol this project is following
	ProtocolSlug string `json:"protocol_slug"`
	// The total number of credits from this project that have been retired from the supplier's buffer pool
	RetiredBufferPoolCreditsTotal CreditQuantity `json:"retired_buffer_pool_credits_total"`
	// The total number of credits from this project that have been retired, including those allocated to the buffer pool
	RetiredCreditsTotal CreditQuantity `json:"retired_credits_total"`
	// A random short code, uniquely identifying the project
	ShortCode string `json:"short_code"`
	// The project status
	Status ProjectStatus `json:"status"`
	// Supplier is the `supplier` field.
	Supplier Supplier `json:"supplier"`
	// The url to the Isometric page for this project
	URL string `json:"url"`
	// The name of the organization responsible for validating this project, if assigned
	ValidatorName *string `json:"validator_name"`
}

// ProjectStatus is the spec's ProjectStatus enum. Unknown values are kept as-is (the API may add values).
type ProjectStatus string

// Known values of ProjectStatus.
const (
	ProjectStatusDraft                  ProjectStatus = "draft"
	ProjectStatusPreview                ProjectStatus = "preview"
	ProjectStatusUnderValidation        ProjectStatus = "under_validation"
	ProjectStatusValidated              ProjectStatus = "validated"
	ProjectStatusValidationUnsuccessful ProjectStatus = "validation_unsuccessful"
	ProjectStatusCancelled              ProjectStatus = "cancelled"
)

// Pathway is the spec's Pathway enum. Unknown values are kept as-is (the API may add values).
type Pathway string

// Known values of Pathway.
const (
	PathwayBiomassCarbonRemovalAndStorage Pathway = "biomass_carbon_removal_and_storage"
	PathwayDirectAirCapture               Pathway = "direct_air_capture"
	PathwayEnhancedWeathering             Pathway = "enhanced_weathering"
	PathwayCarbonMineralization           Pathway = "carbon_mineralization"
	PathwayReforestation                  Pathway = "reforestation"
	PathwayMarine                         Pathway = "marine"
	PathwaySuperpollutants                Pathway = "superpollutants"
)

// ProjectDocument mirrors the spec schema ProjectDocument.
type ProjectDocument struct {
	// DisplayName is the `display_name` field.
	DisplayName string `json:"display_name"`
	// ID is the `id` field.
	ID string `json:"id"`
	// ProjectID is the `project_id` field.
	ProjectID string `json:"project_id"`
	// URL is the `url` field.
	URL string `json:"url"`
}

// ListProjects lists projects (GET /projects). opts may be nil.
func (c *Client) ListProjects(ctx context.Context, opts *ListOptions) (*Page[Project], error) {
	return get[Page[Project]](ctx, c.t, fixed("/projects"), opts)
}

// GetProject returns a project by ID (GET /projects/{id}). A null answer is ErrNotFound.
func (c *Client) GetProject(ctx context.Context, id string) (*Project, error) {
	return getNullable[Project](ctx, c.t, withID("project", "/projects/%s", id))
}

// ListProjectDocuments lists a project's documents (GET /projects/{id}/documents). opts may be nil.
func (c *Client) ListProjectDocuments(ctx context.Context, id string, opts *ListOptions) (*Page[ProjectDocument], error) {
	return get[Page[ProjectDocument]](ctx, c.t, withID("project", "/projects/%s/documents", id), opts)
}
