// CosCommand: placeholder until its work lands.
