// npm @odata/client reading orders with their account's region: $select names the Account navigation property,
// $expand brings its Region; Basic sign-in with the key as the password, as Excel and Power BI send it.
// Prints [OrderId, NetAmount, Region] rows as JSON.
// node odata-client.js SERVICE_ROOT KEY
const { OData } = require('@odata/client');
const [root, key] = process.argv.slice(2);
const client = OData.New4({ serviceEndpoint: root + '/odata/' });
client.setCredential({ username: 'client', password: key });
const params = client.newParam().select(['OrderId', 'NetAmount', 'Account']).expand('Account($select=Region)');
client.newRequest({ collection: 'Orders', params })
  .then(answer => {
    if (answer.error) { throw new Error(JSON.stringify(answer.error)); }
    console.log(JSON.stringify(answer.value.map(o => [o.OrderId, String(o.NetAmount), o.Account ? o.Account.Region : null])));
  })
  .catch(e => { console.error(e.stack || String(e)); process.exit(1); });
