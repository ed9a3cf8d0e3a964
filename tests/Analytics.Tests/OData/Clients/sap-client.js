// The typed client SAP's generator (npm @sap-cloud-sdk/generator) made from our $metadata, as an SAP application
// uses it: orders over 1000 with their account's region, selecting the Account navigation property beside its
// expansion. Prints [OrderId, NetAmount, Region] rows as JSON.
// node sap-client.js GENERATED_DIR SERVICE_URL KEY
const path = require('path');
const [generated, url, key] = process.argv.slice(2);
const { analytics } = require(path.join(generated, 'analytics'));
const { ordersApi, accountsApi } = analytics();
ordersApi.requestBuilder().getAll()
  .select(ordersApi.schema.ORDER_ID, ordersApi.schema.NET_AMOUNT, ordersApi.schema.ACCOUNT)
  .expand(ordersApi.schema.ACCOUNT.select(accountsApi.schema.REGION))
  .filter(ordersApi.schema.NET_AMOUNT.greaterThan(1000))
  .execute({ url, headers: { authorization: 'Bearer ' + key } })
  .then(orders => console.log(JSON.stringify(orders.map(o => [o.orderId, o.netAmount.toString(), o.account ? o.account.region : null]))))
  .catch(e => { console.error(e.stack || String(e)); process.exit(1); });
