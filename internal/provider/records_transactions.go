package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Descriptions (computedAttr) and flatteners of the registry's transaction-like records: orders,
// deliveries, transfers, retirements, buffer pool refunds, Stripe configurations, and ICR
// retirements. The data sources of this package use them; the transaction resources may reuse
// them for their computed attributes. Each <x>Values function returns exactly the attributes of
// the matching <x>Attrs description, keyed by name; <x>Value wraps them into an object.

var (
	orderAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Order ID (`ord_…`)."},
		{Name: "status", Type: types.StringType, Desc: "Order status: `placed`, `in_progress` or `completed` (the registry may add values)."},
		{Name: "effective_contract_date", Type: types.StringType, Desc: "Effective date of the contract (YYYY-MM-DD)."},
		{Name: "fulfilled_at", Type: types.StringType, Desc: "When the order was fulfilled (RFC 3339); null while it is open."},
		{Name: "buyer_organisation", Object: organisationAttrs, Desc: "Organisation that placed the order (the recipient of its deliveries)."},
		{Name: "supplier", Object: supplierAttrs, Desc: "Supplier the order was placed with (the sender of its deliveries)."},
		{Name: "credits_ordered", Object: quantityAttrs, Desc: "Quantity ordered."},
		{Name: "credits_delivered", Object: quantityAttrs, Desc: "Quantity delivered so far."},
		{Name: "credits_remaining", Object: quantityAttrs, Desc: "Quantity still to deliver: `credits_ordered` minus `credits_delivered` " +
			"(computed exactly in kg by the provider; 0 when fully delivered)."},
	}
	deliveryAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Delivery ID (`dlv_…`)."},
		{Name: "delivered_at", Type: types.StringType, Desc: "When the credits were delivered (RFC 3339)."},
		{Name: "order_id", Type: types.StringType, Desc: "Order the delivery fulfils (`ord_…`)."},
		{Name: "from_supplier", Object: supplierAttrs, Desc: "Supplier that delivered the credits."},
		{Name: "to_organisation", Object: organisationAttrs, Desc: "Organisation that received the credits (the order's buyer)."},
		{Name: "credit_batch_size_total", Object: quantityAttrs, Desc: "Total quantity delivered."},
		{Name: "url", Type: types.StringType, Desc: "Public registry page of the delivery."},
		{Name: "notes", Type: types.StringType, Desc: "Publicly visible note stored with the delivery; null when none."},
	}
	transferAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Transfer ID (`tfr_…`)."},
		{Name: "transferred_at", Type: types.StringType, Desc: "When the credits were transferred (RFC 3339)."},
		{Name: "from_organisation", Object: organisationAttrs, Desc: "Organisation that sent the credits."},
		{Name: "to_organisation", Object: organisationAttrs, Desc: "Organisation that received the credits."},
		{Name: "credit_batch_size_total", Object: quantityAttrs, Desc: "Total quantity transferred."},
		{Name: "notes", Type: types.StringType, Desc: "Publicly visible note stored with the transfer; null when none."},
	}
	retirementAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Retirement ID (`ret_…`)."},
		{Name: "retired_at", Type: types.StringType, Desc: "When the credits were retired (RFC 3339)."},
		{Name: "purposes", Type: types.ListType{ElemType: types.StringType}, Desc: "Retirement purposes, e.g. `corporate_targets`, `public_environmental_claims`, " +
			"`insetting`, `regulatory_requirement`, `other` (the registry may add values)."},
		{Name: "owner", Object: organisationAttrs, Desc: "Organisation that owned and retired the credits."},
		{Name: "beneficiary", Object: organisationAttrs, Desc: "Organisation the credits were retired on behalf of (may be the owner)."},
		{Name: "credit_batch_size_total", Object: quantityAttrs, Desc: "Total quantity retired."},
		{Name: "url", Type: types.StringType, Desc: "Public registry page of the retirement (its certificate)."},
		{Name: "notes", Type: types.StringType, Desc: "Publicly visible note stored with the retirement; null when none."},
	}
	refundAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Buffer pool refund ID (`bpr_…`)."},
		{Name: "refunded_at", Type: types.StringType, Desc: "When the credits were refunded (RFC 3339)."},
		{Name: "from_buffer_pool_organisation", Object: organisationAttrs, Desc: "Buffer pool organisation the credits came from."},
		{Name: "to_organisation", Object: organisationAttrs, Desc: "Organisation that received the refunded credits."},
		{Name: "credit_batch_size_total", Object: quantityAttrs, Desc: "Total quantity refunded."},
		{Name: "notes", Type: types.StringType, Desc: "Note stored with the refund."},
	}
	stripeConfigurationAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "Stripe configuration ID."},
		{Name: "account_id", Type: types.StringType, Desc: "Stripe account ID of the supplier's connected account."},
		{Name: "credit_product_price_per_tonne", Type: types.StringType, Desc: "Price per tonne of carbon dioxide removal, set by the supplier, " +
			"as the exact decimal string the registry sends (currency in `currency`); null when not set."},
		{Name: "verification_product_price_per_tonne", Type: types.StringType, Desc: "Price per tonne for verification, set by Isometric, " +
			"as the exact decimal string the registry sends (currency in `currency`); null when not set."},
		{Name: "currency", Type: types.StringType, Desc: "Currency of the account (ISO 4217 code); null when not set."},
		{Name: "isometric_terms_and_conditions_url", Type: types.StringType, Desc: "URL of the Isometric terms and conditions."},
	}
	icrOrganizationOwnerAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "ICR ID of the organisation."},
		{Name: "full_name", Type: types.StringType, Desc: "Name of the organisation."},
		{Name: "logo", Type: types.StringType, Desc: "URL of the organisation's logo."},
		{Name: "public_url", Type: types.StringType, Desc: "Public ICR page of the organisation."},
	}
	icrProjectAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "ICR ID of the project."},
		{Name: "full_name", Type: types.StringType, Desc: "Name of the project."},
		{Name: "url", Type: types.StringType, Desc: "ICR API URL of the project."},
		{Name: "public_url", Type: types.StringType, Desc: "Public ICR page of the project."},
		{Name: "num", Type: types.StringType, Desc: "ICR project number."},
	}
	icrRetirementAttrs = []computedAttr{
		{Name: "id", Type: types.StringType, Desc: "ICR ID of the retirement (a UUID)."},
		{Name: "serialization", Type: types.StringType, Desc: "Serial number range of the retired credits, e.g. `ICR-ISL-354-78040-14-R-0-2021`."},
		{Name: "vintage", Type: types.StringType, Desc: "Vintage year of the credits."},
		{Name: "amount", Type: types.NumberType, Desc: "Amount retired, exactly as the ICR reports it (no floating-point rounding)."},
		{Name: "is_claimed", Type: types.BoolType, Desc: "Whether the retirement has been claimed."},
		{Name: "reason", Type: types.StringType, Desc: "Reason given for the retirement."},
		{Name: "comment", Type: types.StringType, Desc: "Comment given with the retirement."},
		{Name: "beneficiary", Type: types.StringType, Desc: "Name of the beneficiary."},
		{Name: "created_at", Type: types.StringType, Desc: "When the retirement was made (RFC 3339)."},
		{Name: "organization_id", Type: types.StringType, Desc: "ICR ID of the organisation that owns the retirement."},
		{Name: "project", Object: icrProjectAttrs, Desc: "Project the credits come from; null when the ICR sends none."},
		{Name: "organization_owner", Object: icrOrganizationOwnerAttrs, Desc: "Organisation that owns the retirement; null when the ICR sends none."},
	}
)

// orderValues flattens an order (orderAttrs).
func orderValues(o client.Order) map[string]attr.Value {
	remaining := o.CreditsOrdered.CreditKgs - o.CreditsDelivered.CreditKgs
	if remaining < 0 {
		remaining = 0
	}
	return map[string]attr.Value{
		"id":                      types.StringValue(o.ID),
		"status":                  types.StringValue(string(o.Status)),
		"effective_contract_date": types.StringValue(o.EffectiveContractDate),
		"fulfilled_at":            stringPtrValue(o.FulfilledAt),
		"buyer_organisation":      organisationValue(&o.BuyerOrganisation),
		"supplier":                supplierValue(&o.Supplier),
		"credits_ordered":         quantityValue(o.CreditsOrdered),
		"credits_delivered":       quantityValue(o.CreditsDelivered),
		"credits_remaining":       quantityValue(client.CreditQuantity{CreditKgs: remaining}),
	}
}

// deliveryValues flattens a delivery (deliveryAttrs).
func deliveryValues(d client.Delivery) map[string]attr.Value {
	return map[string]attr.Value{
		"id":                      types.StringValue(d.ID),
		"delivered_at":            types.StringValue(d.DeliveredAt),
		"order_id":                types.StringValue(d.OrderID),
		"from_supplier":           supplierValue(&d.FromSupplier),
		"to_organisation":         organisationValue(&d.ToOrganisation),
		"credit_batch_size_total": quantityValue(d.CreditBatchSizeTotal),
		"url":                     types.StringValue(d.URL),
		"notes":                   stringPtrValue(d.Notes),
	}
}

// transferValues flattens a transfer (transferAttrs).
func transferValues(t client.Transfer) map[string]attr.Value {
	return map[string]attr.Value{
		"id":                      types.StringValue(t.ID),
		"transferred_at":          types.StringValue(t.TransferredAt),
		"from_organisation":       organisationValue(&t.FromOrganisation),
		"to_organisation":         organisationValue(&t.ToOrganisation),
		"credit_batch_size_total": quantityValue(t.CreditBatchSizeTotal),
		"notes":                   stringPtrValue(t.Notes),
	}
}

// retirementValues flattens a retirement (retirementAttrs).
func retirementValues(r client.Retirement) map[string]attr.Value {
	return map[string]attr.Value{
		"id":                      types.StringValue(r.ID),
		"retired_at":              types.StringValue(r.RetiredAt),
		"purposes":                stringListValue(r.Purposes),
		"owner":                   organisationValue(&r.Owner),
		"beneficiary":             organisationValue(&r.Beneficiary),
		"credit_batch_size_total": quantityValue(r.CreditBatchSizeTotal),
		"url":                     types.StringValue(r.URL),
		"notes":                   stringPtrValue(r.Notes),
	}
}

// refundValues flattens a buffer pool refund (refundAttrs).
func refundValues(r client.BufferPoolRefund) map[string]attr.Value {
	return map[string]attr.Value{
		"id":                            types.StringValue(r.ID),
		"refunded_at":                   types.StringValue(r.RefundedAt),
		"from_buffer_pool_organisation": organisationValue(&r.FromBufferPoolOrganisation),
		"to_organisation":               organisationValue(&r.ToOrganisation),
		"credit_batch_size_total":       quantityValue(r.CreditBatchSizeTotal),
		"notes":                         types.StringValue(r.Notes),
	}
}

// stripeConfigurationValues flattens a supplier's Stripe configuration (stripeConfigurationAttrs).
func stripeConfigurationValues(s client.SupplierStripeConfiguration) map[string]attr.Value {
	return map[string]attr.Value{
		"id":                                   types.StringValue(s.ID),
		"account_id":                           types.StringValue(s.AccountID),
		"credit_product_price_per_tonne":       stringPtrValue(s.CreditProductPricePerTonne),
		"verification_product_price_per_tonne": stringPtrValue(s.VerificationProductPricePerTonne),
		"currency":                             stringPtrValue(s.Currency),
		"isometric_terms_and_conditions_url":   types.StringValue(s.IsometricTermsAndConditionsURL),
	}
}

// icrRetirementValues flattens an ICR retirement (icrRetirementAttrs). The amount keeps the
// ICR's exact decimal; an amount that is not a number is null.
func icrRetirementValues(r client.ICRRetirement) map[string]attr.Value {
	project := types.ObjectNull(attrTypes(icrProjectAttrs))
	if p := r.Project; p != nil {
		project = objectValue(icrProjectAttrs, map[string]attr.Value{
			"id":         types.StringValue(p.ID),
			"full_name":  types.StringValue(p.FullName),
			"url":        types.StringValue(p.URL),
			"public_url": types.StringValue(p.PublicURL),
			"num":        types.StringValue(p.Num),
		})
	}
	owner := types.ObjectNull(attrTypes(icrOrganizationOwnerAttrs))
	if o := r.OrganizationOwner; o != nil {
		owner = objectValue(icrOrganizationOwnerAttrs, map[string]attr.Value{
			"id":         types.StringValue(o.ID),
			"full_name":  types.StringValue(o.FullName),
			"logo":       types.StringValue(o.Logo),
			"public_url": types.StringValue(o.PublicURL),
		})
	}
	return map[string]attr.Value{
		"id":                 types.StringValue(r.ID),
		"serialization":      types.StringValue(r.Serialization),
		"vintage":            types.StringValue(r.Vintage),
		"amount":             numberValue(r.Amount),
		"is_claimed":         types.BoolValue(r.IsClaimed),
		"reason":             types.StringValue(r.Reason),
		"comment":            types.StringValue(r.Comment),
		"beneficiary":        types.StringValue(r.Beneficiary),
		"created_at":         types.StringValue(r.CreatedAt),
		"organization_id":    types.StringValue(r.OrganizationID),
		"project":            project,
		"organization_owner": owner,
	}
}

// Object forms, for lists of records.

func orderValue(o client.Order) types.Object { return objectValue(orderAttrs, orderValues(o)) }
func deliveryValue(d client.Delivery) types.Object {
	return objectValue(deliveryAttrs, deliveryValues(d))
}
func transferValue(t client.Transfer) types.Object {
	return objectValue(transferAttrs, transferValues(t))
}
func retirementValue(r client.Retirement) types.Object {
	return objectValue(retirementAttrs, retirementValues(r))
}
func icrRetirementValue(r client.ICRRetirement) types.Object {
	return objectValue(icrRetirementAttrs, icrRetirementValues(r))
}
