import { toOpenApiSchema } from '../src/http/openapi/jsonSchema.js';
import { linkList, linkBody, errorBody } from '../src/http/openapi/responses.js';
const c = {};
console.log(JSON.stringify(toOpenApiSchema(linkList, 'output', c)));
console.log(JSON.stringify(toOpenApiSchema(linkBody, 'output', c)));
console.log(JSON.stringify(toOpenApiSchema(errorBody, 'output', c)));
console.log(JSON.stringify(c).slice(0, 800));
