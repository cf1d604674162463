// CosGenerate: placeholder until its work lands.
