/// A tiny hand-written export for `audit`, as of 2026-06-15 with the period 2026-03..2026-06 (June has
/// not ended on the as-of date, so object-months cover March, April and May). Every kind has planted
/// rows (`flag:` below) and rows that look alike but must not be flagged (`not:`).
///
/// Organization A1; contracts KA (SEK, open), KB (EUR, 2026-01-01..2026-04-30), KC (SEK, from
/// 2026-02-01). A1's latest final invoices on or before the as-of date: SEK IA2 and EUR IA9, both
/// 2026-04-30 (IA7, SEK, is dated after the as-of date). A2 is another organization whose rows must
/// never show up in A1's audit.
///
/// - left_behind, flag: TL1 (no object, ends 02-28, 7), TL2 (ends 04-29, 3). not: TL3 (ends 04-30, the
///   day of the last final invoice), TP1 (ends 05-15: only A2 has a later final invoice), TA3, TA4,
///   TO1, TO4 (end in May or June), TC1, TC3 (EUR, end after 04-30), TF1 and TF2 (start after the
///   as-of date).
/// - on_void_invoice, flag: TV1 (IA4, void, 20).
/// - unbilled_object_month, flag: OA3 in March (active 01-01..04-15, no March ticket), OA2 in May.
///   not: OA2 in March (active from 03-10), OA3 in April (ends 04-15), OA5 in May (TO4), OA4 (tickets
///   by period_start in March, April and May), OA6 (its active_to is before its active_from: never
///   active), June (not ended).
/// - outside_object_life, flag: TO1 (starts 05-01, after OA3's 04-15), TO2 (ends 04-20, before OA5's
///   05-01). not: TO3 (04-25..05-05 overlaps OA5's life).
/// - outside_contract, flag: TC1 (starts 05-01, after KB's end), TC2 (ends 2025-12-31, before KB's
///   start). not: TC3 (04-20..05-10 overlaps KB), TE1.
/// - invoice_mismatch, flag: IA2 (tickets TA2 50 + TD4 5 + TD5 5 + TO2 2 + TO3 1 = 63, total 65:
///   difference -2), IA9 (EUR, no tickets, total 10: -10). not: IA1 (tickets 100 + 9 + 9 + 9 + 8 + 9 + 9
///   = 153 = its total), IA3 (4 + 26 = 30), IA7 (after the as-of date).
/// - duplicate, flag: TD2 and TD3 (repeat TD1: KA, OA1, P2, March, 9), TD5 (repeats TD4, no object).
///   not: TN1 (another amount), TN2 (another contract), TN3 (no object), TF2 (after the as-of date).
/// - stale_draft, flag: IA5 (2026-05-10, 36 days old, 12). not: IA6 (26 days), IA8 (exactly 30 days).
enum AuditBillingData {
    static let files: [String: String] = [
        "organizations": """
            id,name,number,parent_id
            A1,Audit AB,701,
            A2,Neighbour AB,702,
            """,
        "contracts": """
            id,organization_id,number,name,currency,start_date,end_date
            KA,A1,KA-1,Main,SEK,2025-01-01,
            KB,A1,KB-1,Euro,EUR,2026-01-01,2026-04-30
            KC,A1,KC-1,Extra,SEK,2026-02-01,
            KZ,A2,KZ-1,,SEK,2025-01-01,
            """,
        "product_categories": """
            id,name
            CAT,Services
            """,
        "products": """
            id,name,category_id,unit
            P1,Hosting,CAT,pcs
            P2,Storage,CAT,GB
            P3,Backup,CAT,GB
            P4,Support,CAT,h
            P5,Licence,CAT,pcs
            """,
        "object_types": """
            id,name
            TY,Server
            """,
        "object_profiles": """
            id,name,object_type_id
            PF,Standard,TY
            """,
        "objects": """
            id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to
            OA1,srv-1,A1,KA,TY,PF,2025-01-01,
            OA2,srv-2,A1,KA,TY,PF,2026-03-10,
            OA3,srv-3,A1,KA,TY,PF,2026-01-01,2026-04-15
            OA4,srv-eu,A1,KB,TY,PF,2025-01-01,2026-12-31
            OA5,srv-5,A1,KA,TY,PF,2026-05-01,
            OA6,srv-never,A1,KA,TY,PF,2026-03-10,2026-03-01
            OZ1,srv-z,A2,KZ,TY,PF,2025-01-01,
            """,
        "invoices": """
            id,organization_id,number,invoice_date,status,currency,total_amount
            IA1,A1,A-1,2026-03-31,final,SEK,153
            IA2,A1,A-2,2026-04-30,final,SEK,65
            IA3,A1,A-3,2026-03-31,final,EUR,30
            IA4,A1,A-4,2026-04-30,void,SEK,20
            IA5,A1,A-5,2026-05-10,draft,SEK,12
            IA6,A1,A-6,2026-05-20,draft,SEK,8
            IA7,A1,A-7,2026-07-31,final,SEK,999
            IA8,A1,A-8,2026-05-16,draft,EUR,0
            IA9,A1,A-9,2026-04-30,final,EUR,10
            IZ1,A2,Z-1,2026-05-31,final,SEK,1
            """,
        "charge_tickets": """
            id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id
            TA1,KA,OA1,P1,2026-03-01,2026-03-31,1,100,100,IA1
            TA2,KA,OA1,P1,2026-04-01,2026-04-30,1,50,50,IA2
            TA3,KA,OA1,P1,2026-05-01,2026-05-31,1,50,50,
            TA4,KA,OA1,P1,2026-06-01,2026-06-30,1,50,50,
            TL1,KA,,P2,2026-02-01,2026-02-28,1,7,7,
            TL2,KA,OA2,P2,2026-04-01,2026-04-29,1,3,3,
            TL3,KA,OA2,P2,2026-04-01,2026-04-30,1,4,4,
            TP1,KA,OA1,P3,2026-05-01,2026-05-15,1,1,1,
            TV1,KA,OA1,P3,2026-04-01,2026-04-30,1,20,20,IA4
            TD1,KA,OA1,P2,2026-03-01,2026-03-31,2,4.5,9,IA1
            TD2,KA,OA1,P2,2026-03-01,2026-03-31,2,4.5,9,IA1
            TD3,KA,OA1,P2,2026-03-01,2026-03-31,2,4.5,9,IA1
            TN1,KA,OA1,P2,2026-03-01,2026-03-31,2,4,8,IA1
            TN2,KC,OA1,P2,2026-03-01,2026-03-31,2,4.5,9,IA1
            TN3,KA,,P2,2026-03-01,2026-03-31,2,4.5,9,IA1
            TD4,KA,,P4,2026-04-10,2026-04-10,1,5,5,IA2
            TD5,KA,,P4,2026-04-10,2026-04-10,1,5,5,IA2
            TC1,KB,OA4,P1,2026-05-01,2026-05-31,1,6,6,
            TC2,KB,OA4,P1,2025-11-01,2025-12-31,1,4,4,IA3
            TE1,KB,OA4,P1,2026-03-01,2026-03-31,1,26,26,IA3
            TC3,KB,OA4,P1,2026-04-20,2026-05-10,1,1,1,
            TO1,KA,OA3,P1,2026-05-01,2026-05-31,1,11,11,
            TO2,KA,OA5,P1,2026-04-01,2026-04-20,1,2,2,IA2
            TO3,KA,OA5,P1,2026-04-25,2026-05-05,1,1,1,IA2
            TO4,KA,OA5,P1,2026-05-01,2026-05-31,1,5,5,
            TS1,KA,OA1,P5,2026-05-01,2026-05-31,1,12,12,IA5
            TS2,KC,OA1,P5,2026-05-01,2026-05-31,1,8,8,IA6
            TF1,KA,OA1,P2,2026-07-01,2026-07-31,1,3,3,
            TF2,KA,OA1,P2,2026-07-01,2026-07-31,1,3,3,
            TZ1,KZ,OZ1,P1,2026-05-01,2026-05-31,1,1,1,IZ1
            TZ2,KZ,OZ1,P1,2026-05-01,2026-05-15,1,1,1,
            """,
        "usage_events": """
            id,object_id,product_id,occurred_at,quantity
            """,
    ]
}
