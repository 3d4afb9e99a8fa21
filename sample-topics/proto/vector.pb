
ü
vector.protokmb.samples"‚
VectorUpsert

collection (	R
collection
id (	Rid
values (RvaluesC
metadata (2'.kmb.samples.VectorUpsert.MetadataEntryRmetadata(
model (2.kmb.samples.ModelRmodel;
MetadataEntry
key (	Rkey
value (	Rvalue:8";
Model
name (	Rname

dimensions (R
dimensionsB
ai.kind.kmb.samplesbproto3