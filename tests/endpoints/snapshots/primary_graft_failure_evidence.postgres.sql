WITH "t45" AS (
  SELECT
    "t44"."patient_id",
    "t44"."cutoff"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t42"."patient_id",
        CASE
          WHEN "t42"."graft_source" = 'bm'
          THEN 30
          WHEN "t42"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t42"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END AS "cutoff",
        "t42"."modality"
      FROM (
        SELECT
          "t41"."patient_id",
          "t41"."arm",
          "t41"."modality",
          "t41"."graft_source",
          "t41"."second_infusion_day",
          "t41"."weight_kg",
          "t41"."death_day",
          "t41"."death_cause",
          "t41"."censor_day",
          "t41"."relapse_recorded_day",
          "t41"."relapse_day",
          "t41"."relapse_at_death",
          "t41"."origin_day"
        FROM (
          SELECT
            "t40"."patient_id",
            "t40"."arm",
            "t40"."modality",
            "t40"."graft_source",
            "t40"."second_infusion_day",
            "t40"."treatment_start_day",
            "t40"."weight_kg",
            "t40"."randomisation_day",
            "t40"."death_day",
            "t40"."death_cause",
            COALESCE("t40"."censor_day", CAST("t40"."last_lab_day" AS BIGINT), 0) AS "censor_day",
            "t40"."relapse_recorded_day",
            "t40"."last_lab_day",
            CASE
              WHEN (
                "t40"."death_day" IS NOT NULL
              )
              AND "t40"."death_cause" IN ('relapse', 'progression')
              AND (
                (
                  "t40"."relapse_recorded_day" IS NULL
                )
                OR (
                  "t40"."relapse_recorded_day" > "t40"."death_day"
                )
              )
              THEN "t40"."death_day"
              ELSE "t40"."relapse_recorded_day"
            END AS "relapse_day",
            COALESCE(
              (
                "t40"."death_day" IS NOT NULL
              )
              AND "t40"."death_cause" IN ('relapse', 'progression')
              AND (
                (
                  "t40"."relapse_recorded_day" IS NULL
                )
                OR (
                  "t40"."relapse_recorded_day" > "t40"."death_day"
                )
              ),
              FALSE
            ) AS "relapse_at_death",
            0 AS "origin_day"
          FROM (
            SELECT
              "t39"."patient_id",
              "t39"."arm",
              "t39"."modality",
              "t39"."graft_source",
              "t39"."second_infusion_day",
              "t39"."treatment_start_day",
              "t39"."weight_kg",
              "t39"."randomisation_day",
              "t39"."death_day",
              "t39"."death_cause",
              "t39"."censor_day",
              "t39"."relapse_recorded_day",
              "t39"."last_lab_day"
            FROM (
              SELECT
                "t38"."patient_id",
                "t38"."arm",
                "t38"."modality",
                "t38"."graft_source",
                "t38"."second_infusion_day",
                "t38"."treatment_start_day",
                "t38"."weight_kg",
                "t38"."randomisation_day",
                "t38"."death_day",
                "t38"."death_cause",
                "t38"."censor_day",
                "t38"."relapse_recorded_day",
                "t13"."patient_id" AS "patient_id_right",
                "t13"."last_lab_day"
              FROM (
                SELECT
                  "t36"."patient_id",
                  "t36"."arm",
                  "t36"."modality",
                  "t36"."graft_source",
                  "t36"."second_infusion_day",
                  "t36"."treatment_start_day",
                  "t36"."weight_kg",
                  "t36"."randomisation_day",
                  "t36"."death_day",
                  "t36"."death_cause",
                  "t36"."censor_day",
                  "t36"."relapse_recorded_day"
                FROM (
                  SELECT
                    "t33"."patient_id",
                    "t33"."arm",
                    "t33"."modality",
                    "t33"."graft_source",
                    "t33"."second_infusion_day",
                    "t33"."treatment_start_day",
                    "t33"."weight_kg",
                    "t33"."randomisation_day",
                    "t33"."death_day",
                    "t33"."death_cause",
                    "t33"."censor_day",
                    "t23"."patient_id" AS "patient_id_right",
                    "t23"."relapse_recorded_day"
                  FROM (
                    SELECT
                      "t30"."patient_id",
                      "t30"."arm",
                      "t30"."modality",
                      "t30"."graft_source",
                      "t30"."second_infusion_day",
                      "t30"."treatment_start_day",
                      "t30"."weight_kg",
                      "t30"."randomisation_day",
                      "t30"."death_day",
                      "t30"."death_cause",
                      "t30"."censor_day"
                    FROM (
                      SELECT
                        "t26"."patient_id",
                        "t26"."arm",
                        "t26"."modality",
                        "t26"."graft_source",
                        "t26"."second_infusion_day",
                        "t26"."treatment_start_day",
                        "t26"."weight_kg",
                        "t26"."randomisation_day",
                        "t19"."patient_id" AS "patient_id_right",
                        "t19"."death_day",
                        "t19"."death_cause",
                        "t19"."censor_day"
                      FROM (
                        SELECT
                          "t24"."patient_id",
                          "t24"."arm",
                          "t24"."modality",
                          "t24"."graft_source",
                          "t24"."second_infusion_day",
                          "t24"."treatment_start_day",
                          "t24"."weight_kg",
                          "t24"."randomisation_day"
                        FROM (
                          SELECT
                            "t14"."patient_id",
                            "t14"."arm",
                            "t14"."modality",
                            "t14"."graft_source",
                            "t14"."second_infusion_day",
                            "t14"."treatment_start_day",
                            "t15"."patient_id" AS "patient_id_right",
                            "t15"."weight_kg",
                            "t15"."randomisation_day"
                          FROM (
                            SELECT
                              "t4"."patient_id",
                              COALESCE("t4"."arm", "t4"."modality") AS "arm",
                              "t4"."modality",
                              "t4"."graft_source",
                              CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                              CAST("t4"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                            FROM "treatments" AS "t4"
                          ) AS "t14"
                          LEFT OUTER JOIN (
                            SELECT
                              "t5"."patient_id",
                              "t5"."weight_kg",
                              CAST("t5"."randomisation_day" AS BIGINT) AS "randomisation_day"
                            FROM "patients" AS "t5"
                          ) AS "t15"
                            ON "t14"."patient_id" = "t15"."patient_id"
                        ) AS "t24"
                      ) AS "t26"
                      LEFT OUTER JOIN (
                        SELECT
                          "t3"."patient_id",
                          CASE
                            WHEN "t3"."vital_status" = 'dead'
                            THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                            ELSE CAST(NULL AS BIGINT)
                          END AS "death_day",
                          CASE
                            WHEN "t3"."vital_status" = 'dead'
                            THEN "t3"."cause"
                            ELSE CAST(NULL AS VARCHAR)
                          END AS "death_cause",
                          GREATEST(
                            "t3"."last_contact_day",
                            COALESCE(
                              CASE
                                WHEN "t3"."vital_status" = 'dead'
                                THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                ELSE CAST(NULL AS BIGINT)
                              END,
                              "t3"."last_contact_day"
                            )
                          ) AS "censor_day"
                        FROM "followup" AS "t3"
                      ) AS "t19"
                        ON "t26"."patient_id" = "t19"."patient_id"
                    ) AS "t30"
                  ) AS "t33"
                  LEFT OUTER JOIN (
                    SELECT
                      "t10"."patient_id",
                      CAST(MIN("t10"."day") AS BIGINT) AS "relapse_recorded_day"
                    FROM (
                      SELECT
                        *
                      FROM "disease_assessments" AS "t2"
                      WHERE
                        "t2"."status" IN ('relapse', 'progression') AND "t2"."day" > 0
                    ) AS "t10"
                    GROUP BY
                      1
                  ) AS "t23"
                    ON "t33"."patient_id" = "t23"."patient_id"
                ) AS "t36"
              ) AS "t38"
              LEFT OUTER JOIN (
                SELECT
                  "t0"."patient_id",
                  MAX("t0"."day") AS "last_lab_day"
                FROM "labs" AS "t0"
                GROUP BY
                  1
              ) AS "t13"
                ON "t38"."patient_id" = "t13"."patient_id"
            ) AS "t39"
          ) AS "t40"
        ) AS "t41"
      ) AS "t42"
    ) AS "t43"
    WHERE
      "t43"."cutoff" IS NOT NULL AND "t43"."modality" IN ('allo_hsct', 'auto_hsct')
  ) AS "t44"
)
SELECT
  "t61"."patient_id",
  "t61"."cutoff",
  COALESCE("t61"."anc_low_near", FALSE) AS "anc_low_near",
  COALESCE("t61"."platelets_low_near", FALSE) AS "platelets_low_near",
  COALESCE("t61"."platelets_seen_near", FALSE) AS "platelets_seen_near"
FROM (
  SELECT
    "t60"."patient_id",
    "t60"."cutoff",
    "t60"."anc_low_near",
    "t60"."platelets_low_near",
    "t60"."platelets_seen_near"
  FROM (
    SELECT
      "t59"."patient_id",
      "t59"."cutoff",
      "t59"."anc_low_near",
      "t55"."patient_id" AS "patient_id_right",
      "t55"."platelets_low_near",
      "t55"."platelets_seen_near"
    FROM (
      SELECT
        "t57"."patient_id",
        "t57"."cutoff",
        "t57"."anc_low_near"
      FROM (
        SELECT
          "t47"."patient_id",
          "t47"."cutoff",
          "t56"."patient_id" AS "patient_id_right",
          "t56"."anc_low_near"
        FROM "t45" AS "t47"
        LEFT OUTER JOIN (
          SELECT
            "t52"."patient_id",
            BOOL_OR("t52"."value" < 0.5) AS "anc_low_near"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t35"."patient_id",
                "t35"."day",
                "t35"."value",
                "t48"."cutoff"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t21"."patient_id",
                    "t21"."day",
                    COALESCE(
                      "t21"."anc",
                      CAST((
                        "t21"."wbc" * (
                          "t21"."seg" + COALESCE("t21"."bands", 0.0)
                        )
                      ) AS DOUBLE PRECISION) / 100.0
                    ) AS "value"
                  FROM (
                    SELECT
                      "t8"."patient_id",
                      "t8"."day",
                      MIN(CASE WHEN "t8"."qualifier" = '<' THEN 0.0 ELSE "t8"."value" END) FILTER(WHERE
                        "t8"."analyte" = 'anc') AS "anc",
                      MIN(CASE WHEN "t8"."qualifier" = '<' THEN 0.0 ELSE "t8"."value" END) FILTER(WHERE
                        "t8"."analyte" = 'wbc') AS "wbc",
                      MIN(CASE WHEN "t8"."qualifier" = '<' THEN 0.0 ELSE "t8"."value" END) FILTER(WHERE
                        "t8"."analyte" = 'neut_pct') AS "seg",
                      MAX(CASE WHEN "t8"."qualifier" = '<' THEN 0.0 ELSE "t8"."value" END) FILTER(WHERE
                        "t8"."analyte" = 'bands_pct') AS "bands"
                    FROM (
                      SELECT
                        *
                      FROM "labs" AS "t0"
                      WHERE
                        "t0"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t0"."day" >= 0
                    ) AS "t8"
                    GROUP BY
                      1,
                      2
                  ) AS "t21"
                ) AS "t31"
                WHERE
                  "t31"."value" IS NOT NULL
              ) AS "t35"
              INNER JOIN "t45" AS "t48"
                ON "t35"."patient_id" = "t48"."patient_id"
            ) AS "t50"
            WHERE
              "t50"."day" BETWEEN "t50"."cutoff" - 7 AND "t50"."cutoff"
          ) AS "t52"
          GROUP BY
            1
        ) AS "t56"
          ON "t47"."patient_id" = "t56"."patient_id"
      ) AS "t57"
    ) AS "t59"
    LEFT OUTER JOIN (
      SELECT
        "t51"."patient_id",
        BOOL_OR("t51"."low") AS "platelets_low_near",
        COUNT("t51"."day") > 0 AS "platelets_seen_near"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t29"."patient_id",
            "t29"."day",
            "t29"."low",
            "t48"."cutoff"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t20"."patient_id",
                CAST("t20"."day" AS BIGINT) AS "day",
                "t20"."value" < 20.0 AS "low"
              FROM (
                SELECT
                  "t7"."patient_id",
                  "t7"."day",
                  MIN(CASE WHEN "t7"."qualifier" = '<' THEN 0.0 ELSE "t7"."value" END) AS "value"
                FROM (
                  SELECT
                    *
                  FROM "labs" AS "t0"
                  WHERE
                    "t0"."analyte" = 'plt' AND "t0"."day" >= 0
                ) AS "t7"
                GROUP BY
                  1,
                  2
              ) AS "t20"
            ) AS "t27"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t16"."patient_id",
                CAST("t16"."day" AS BIGINT) AS "day",
                TRUE AS "low"
              FROM (
                SELECT
                  "t9"."patient_id",
                  "t9"."day"
                FROM (
                  SELECT
                    *
                  FROM "transfusions" AS "t1"
                  WHERE
                    "t1"."product" = 'platelets'
                ) AS "t9"
              ) AS "t16"
            ) AS "t22"
          ) AS "t29"
          INNER JOIN "t45" AS "t48"
            ON "t29"."patient_id" = "t48"."patient_id"
        ) AS "t49"
        WHERE
          "t49"."day" BETWEEN "t49"."cutoff" - 7 AND "t49"."cutoff" + 7
      ) AS "t51"
      GROUP BY
        1
    ) AS "t55"
      ON "t59"."patient_id" = "t55"."patient_id"
  ) AS "t60"
) AS "t61"
