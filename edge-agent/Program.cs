Console.WriteLine("ledgerlink-agent: not built yet");
