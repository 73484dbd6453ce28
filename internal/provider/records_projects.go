package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Descriptions and flatteners of projects, project documents and issuances (the shapes shared by
// several records live in records.go).
var (
	projectAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Project ID (`prj_…`)."},
		{Name: "name", Type: types.StringType, Desc: "Project name."},
		{Name: "status", Type: types.StringType, Desc: "Project status: `draft`, `preview`, `under_validation`, `validated`, `validation_unsuccessful` or `cancelled` (the registry may add values)."},
		{Name: "short_code", Type: types.StringType, Desc: "Random short code uniquely identifying the project."},
		{Name: "url", Type: types.StringType, Desc: "URL of the project's page on Isometric."},
		{Name: "process_key", Type: types.StringType, Desc: "The carbon removal process used in the project."},
		{Name: "pathway", Type: types.StringType, Desc: "The pathway the project follows, for example `direct_air_capture` or `enhanced_weathering`."},
		{Name: "protocol_slug", Type: types.StringType, Desc: "Slug of the protocol the project follows."},
		{Name: "country_code", Type: types.StringType, Desc: "ISO 3166-1 alpha-3 country code of the project."},
		{Name: "validator_name", Type: types.StringType, Desc: "Organisation responsible for validating the project; null if not assigned."},
		{Name: "current_verifier_name", Type: types.StringType, Desc: "Organisation currently verifying the project; null if not assigned."},
		{Name: "crediting_period_start", Type: types.StringType, Desc: "Start of the crediting period; null if not set."},
		{Name: "crediting_period_end", Type: types.StringType, Desc: "End of the crediting period; null if not set."},
		{Name: "location", Object: locationAttrs, Desc: "Location of the project; null when not set."},
		{Name: "supplier", Object: supplierAttrs, Desc: "The supplier running the project."},
		{Name: "issued_credits_total", Object: quantityAttrs, Desc: "Credits issued to the project, including those allocated to the buffer pool."},
		{Name: "issued_buffer_pool_credits_total", Object: quantityAttrs, Desc: "Credits of the project allocated to the supplier's buffer pool."},
		{Name: "retired_credits_total", Object: quantityAttrs, Desc: "Credits of the project retired, including buffer pool retirements."},
		{Name: "retired_buffer_pool_credits_total", Object: quantityAttrs, Desc: "Credits of the project retired from the supplier's buffer pool."},
	}
	projectDocumentAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Document ID."},
		{Name: "project_id", Type: types.StringType, Desc: "Project the document belongs to (`prj_…`)."},
		{Name: "display_name", Type: types.StringType, Desc: "Name of the document."},
		{Name: "url", Type: types.StringType, Desc: "URL of the document."},
	}
	// issuanceAttrs describe an issuance without its batches.
	issuanceAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Issuance ID (`iss_…`)."},
		{Name: "issued_at", Type: types.StringType, Desc: "When the credits were issued (RFC 3339)."},
		{Name: "project_id", Type: types.StringType, Desc: "Project the credits were issued for (`prj_…`)."},
		{Name: "reporting_period_start_at", Type: types.StringType, Desc: "Start of the reporting period (inclusive)."},
		{Name: "reporting_period_end_at", Type: types.StringType, Desc: "End of the reporting period (inclusive)."},
		{Name: "supplier", Object: supplierAttrs, Desc: "The supplier the credits were issued to."},
		{Name: "credit_batch_size_total", Object: quantityAttrs, Desc: "All credits of the issuance (supplier and buffer pool)."},
		{Name: "supplier_credit_batch_size_total", Object: quantityAttrs, Desc: "Credits allocated to the supplier."},
		{Name: "buffer_pool_credit_batch_size_total", Object: quantityAttrs, Desc: "Credits allocated to the buffer pool."},
	}
	// issuanceBatchesAttrs are the batches of an issuance (GET /issuances/{id}/credit_batches).
	issuanceBatchesAttrs = []computedAttr{
		{Name: "supplier_credit_batches", List: creditBatchAttrs, Desc: "The credit batches originally issued to the supplier " +
			"(batches split since then have status `split`; their children are found with `parent_id`)."},
		{Name: "buffer_pool_credit_batches", List: creditBatchAttrs, Desc: "The credit batches originally allocated to the buffer pool."},
	}
)

// projectValue flattens a project.
func projectValue(p client.Project) types.Object {
	return objectValue(projectAttrs, map[string]attr.Value{
		"id":                                types.StringValue(p.ID),
		"name":                              types.StringValue(p.Name),
		"status":                            types.StringValue(string(p.Status)),
		"short_code":                        types.StringValue(p.ShortCode),
		"url":                               types.StringValue(p.URL),
		"process_key":                       types.StringValue(p.ProcessKey),
		"pathway":                           types.StringValue(string(p.Pathway)),
		"protocol_slug":                     types.StringValue(p.ProtocolSlug),
		"country_code":                      types.StringValue(p.CountryCode),
		"validator_name":                    stringPtrValue(p.ValidatorName),
		"current_verifier_name":             stringPtrValue(p.CurrentVerifierName),
		"crediting_period_start":            stringPtrValue(p.CreditingPeriodStart),
		"crediting_period_end":              stringPtrValue(p.CreditingPeriodEnd),
		"location":                          locationValue(p.Location),
		"supplier":                          supplierValue(&p.Supplier),
		"issued_credits_total":              quantityValue(p.IssuedCreditsTotal),
		"issued_buffer_pool_credits_total":  quantityValue(p.IssuedBufferPoolCreditsTotal),
		"retired_credits_total":             quantityValue(p.RetiredCreditsTotal),
		"retired_buffer_pool_credits_total": quantityValue(p.RetiredBufferPoolCreditsTotal),
	})
}

// projectDocumentValue flattens a project document.
func projectDocumentValue(d client.ProjectDocument) types.Object {
	return objectValue(projectDocumentAttrs, map[string]attr.Value{
		"id":           types.StringValue(d.ID),
		"project_id":   types.StringValue(d.ProjectID),
		"display_name": types.StringValue(d.DisplayName),
		"url":          types.StringValue(d.URL),
	})
}

// issuanceValue flattens an issuance (without its batches).
func issuanceValue(i client.Issuance) types.Object {
	return objectValue(issuanceAttrs, map[string]attr.Value{
		"id":                                  types.StringValue(i.ID),
		"issued_at":                           types.StringValue(i.IssuedAt),
		"project_id":                          types.StringValue(i.ProjectID),
		"reporting_period_start_at":           types.StringValue(i.ReportingPeriodStartAt),
		"reporting_period_end_at":             types.StringValue(i.ReportingPeriodEndAt),
		"supplier":                            supplierValue(&i.Supplier),
		"credit_batch_size_total":             quantityValue(i.CreditBatchSizeTotal),
		"supplier_credit_batch_size_total":    quantityValue(i.SupplierCreditBatchSizeTotal),
		"buffer_pool_credit_batch_size_total": quantityValue(i.BufferPoolCreditBatchSizeTotal),
	})
}

// issuanceBatchesValues flattens the batches of an issuance into issuanceBatchesAttrs values.
func issuanceBatchesValues(b client.IssuanceCreditBatches) map[string]attr.Value {
	return map[string]attr.Value{
		"supplier_credit_batches":    creditBatchListValue(creditBatchAttrs, creditBatchValue, b.SupplierCreditBatches),
		"buffer_pool_credit_batches": creditBatchListValue(creditBatchAttrs, creditBatchValue, b.BufferPoolCreditBatches),
	}
}
