import Foundation

/// A small export whose names, numbers and ids sort differently bytewise (SQLite) and by a language's
/// rules (a PostgreSQL database's locale): upper and lower case (`Beta` before `alpha` bytewise),
/// accents (`Émile`, `émile`), punctuation and spaces (`a b`, `a-b`, `ab`), digits (`10` before `9`),
/// optional values left empty (no organization number, no contract name, no unit, no profile), and
/// two ids that differ only in their Unicode normal form (`café` in NFC and in NFD: two organizations,
/// as the contract compares ids exactly).
enum OrderingData {
    static let files: [String: String] = [
        "organizations": """
            id,name,number,parent_id
            o-10,beta Holding,,
            O-9,Alpha AB,100,o-10
            ö-1,Äcme Oy,99,o-10
            o_2,acme ab,A-1,
            caf\u{E9},NFC id,,
            cafe\u{301},NFD id,,
            """,
        "contracts": """
            id,organization_id,number,name,currency,start_date,end_date
            k1,o-10,k-10,,SEK,2025-01-01,
            K2,o-10,K-9,Main,EUR,2025-01-01,2026-12-31
            k3,o-10,Ķ-1,Other,SEK,2025-06-01,
            k4,O-9,b-1,,SEK,2025-01-01,
            k5,ö-1,a-1,x,EUR,2025-01-01,
            k6,o_2,Z-1,,SEK,2025-01-01,
            k7,caf\u{E9},N-1,,EUR,2025-01-01,
            k8,cafe\u{301},N-2,,SEK,2025-01-01,
            """,
        "product_categories": """
            id,name
            c-10,cloud
            C-9,Cloud
            ç-1,Éclair
            c_2,_misc
            """,
        "products": """
            id,name,category_id,unit
            p1,compute,c-10,h
            P2,Compute,c-10,
            p3,émission,C-9,GB
            p4,Emission,C-9,
            p5,a b,ç-1,pcs
            p6,a-b,ç-1,
            p7,ab,c_2,h
            """,
        "object_types": """
            id,name
            t1,server
            T2,Server
            t3,Ålder
            """,
        "object_profiles": """
            id,name,object_type_id
            r1,large,t1
            R2,Large,t1
            r3,épais,T2
            r4,Zed,t3
            """,
        "objects": """
            id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to
            b1,alpha,o-10,k1,t1,r1,2025-01-01,
            B2,Beta,o-10,k1,t1,R2,2025-01-01,
            b3,émile,o-10,K2,T2,r3,2025-03-01,2026-08-31
            b4,Émile,o-10,K2,T2,,2025-03-01,
            b5,a b,o-10,k3,t3,r4,2025-06-01,
            b6,a-b,o-10,,t3,,2025-06-01,
            b7,ab,o-10,k1,t1,r1,2026-01-01,
            b8,10,o-10,k1,t1,R2,2026-02-01,
            b9,9,o-10,k3,t1,r1,2026-03-01,
            b10,zulu,O-9,k4,t1,r1,2025-01-01,
            b11,Zulu,ö-1,k5,T2,r3,2025-01-01,
            b12,_x,o_2,k6,t3,r4,2025-01-01,
            """,
        "invoices": """
            id,organization_id,number,invoice_date,status,currency,total_amount
            i1,o-10,inv-2,2026-01-31,final,SEK,100
            I2,o-10,INV-10,2026-02-28,Final,SEK,250.5
            i3,o-10,Inv-3,2026-03-31,draft,EUR,12.25
            i4,o-10,ïnv-1,2026-04-30,void,SEK,5
            i5,O-9,b-inv,2026-02-28,final,SEK,10
            i6,ö-1,a-inv,2026-02-28,final,EUR,7
            i7,o_2,z-inv,2026-05-31,final,SEK,3
            """,
        // Ticket ids in every case and with accents; several tickets share a period_start, so their
        // order is their ids' order.
        "charge_tickets": """
            id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id
            t-10,k1,b1,p1,2026-01-01,2026-01-31,10,1.5,15,i1
            T-9,k1,B2,P2,2026-01-01,2026-01-31,2,2,4,i1
            t-1,k1,b1,p1,2026-01-01,2026-01-31,1,1,1,i1
            Ů-1,k1,b7,p7,2026-01-01,2026-01-31,3,1,3,
            _t,k1,b8,p1,2026-02-01,2026-02-28,1,250.5,250.5,I2
            a-t,K2,b3,p3,2026-02-01,2026-02-28,4,0.25,1,
            A-t,K2,b4,p4,2026-02-01,2026-02-28,8,0.25,2,i3
            é-t,K2,,p4,2026-03-01,2026-03-31,1,,-0.5,
            b-t,k3,b5,p5,2026-03-01,2026-03-31,5,1,5,
            B-t,k3,b9,p6,2026-03-01,2026-03-31,5,1,5,
            c-t,k3,,p6,2026-04-01,2026-04-30,1,,7,
            10,k1,b1,P2,2026-04-01,2026-04-30,2,3,6,
            9,k1,b1,P2,2026-04-01,2026-04-30,2,3,6,
            z1,k4,b10,p1,2026-02-01,2026-02-28,1,10,10,i5
            z2,k5,b11,p3,2026-02-01,2026-02-28,1,7,7,i6
            z3,k6,b12,p7,2026-05-01,2026-05-31,1,3,3,i7
            n1,k7,,p1,2026-03-01,2026-03-31,1,5,5,
            n2,k8,,p1,2026-03-01,2026-03-31,1,7,7,
            """,
        "usage_events": """
            id,object_id,product_id,occurred_at,quantity
            u1,b1,p1,2026-01-15T10:00:00Z,4
            U2,B2,P2,2026-01-31T23:30:00-01:00,1
            u3,b3,p3,2026-02-10,2.5
            u4,b10,p1,2026-02-11,1
            """,
    ]

    /// Writes the files into a new temporary directory (with a manifest) and returns its path.
    static func directory() throws -> String {
        let directory = NSTemporaryDirectory() + "cos-ordering-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try (text + "\n").write(toFile: directory + "/" + name + ".csv", atomically: true, encoding: .utf8)
        }
        try #"{"as_of": "2026-06-30", "name": "ordering"}"#.write(
            toFile: directory + "/manifest.json", atomically: true, encoding: .utf8)
        return directory
    }
}
